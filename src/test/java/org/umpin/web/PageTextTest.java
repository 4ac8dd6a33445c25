package org.umpin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The pages' words: the same keys in both languages, the language chosen as the e-mail's, every value escaped. */
class PageTextTest {

    private static Properties words(String file) throws Exception {
        Properties words = new Properties();
        try (InputStream in = PageTextTest.class.getClassLoader().getResourceAsStream("umpin/web/" + file)) {
            words.load(in);
        }
        return words;
    }

    @Test
    void frenchSaysEverythingEnglishSays() throws Exception {
        assertEquals(words("messages.properties").keySet(), words("messages_fr.properties").keySet());
    }

    @Test
    void frenchForAnyFrenchTagEnglishOtherwiseWhateverTheJvmsLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.FRANCE);
            assertEquals("en", PageText.of("de-DE").language());
            assertEquals("Sign out", PageText.of("en-US").html("signOut"));
            assertEquals("fr", PageText.of("fr-CA").language());
            assertEquals("fr", PageText.of("fr-FR,fr;q=0.9,en;q=0.8").language(), "a browser's Accept-Language");
            assertEquals("en", PageText.of(null).language());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void valuesAreEscapedAndApostrophesSurviveTheFormat() {
        assertEquals("Voice mail of &lt;script&gt;x&lt;/script&gt; &amp; co",
                PageText.of("en").html("mailbox.heading", "<script>x</script> & co"));
        assertEquals("Messagerie vocale de Dominique Lef\u00e8vre", PageText.of("fr").html("mailbox.heading", "Dominique Lef\u00e8vre"));
        assertEquals("Cette page n&#39;accepte un mot de passe qu&#39;en HTTPS.", PageText.of("fr").html("signIn.needsHttps"));
    }
}
