package org.umpin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            assertEquals("Sign out", PageText.of("en-US").words("signOut"));
            assertEquals("fr", PageText.of("fr-CA").language());
            assertEquals("fr", PageText.of("fr-FR,fr;q=0.9,en;q=0.8").language(), "a browser's Accept-Language");
            assertEquals("en", PageText.of(null).language());
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void wordsArePlainTextWithTheirApostrophesAndValuesAsGiven() {
        // the templates escape (PagesTest): the words must not be escaped twice
        assertEquals("Voice mail of <script>x</script> & co", PageText.of("en").words("mailbox.heading", "<script>x</script> & co"));
        assertEquals("Messagerie vocale de Dominique Lef\u00e8vre", PageText.of("fr").words("mailbox.heading", "Dominique Lef\u00e8vre"));
        assertEquals("Cette page n'accepte un mot de passe qu'en HTTPS.", PageText.of("fr").words("signIn.needsHttps"));
        assertTrue(PageText.of("fr").words("reset.explain", "alice@contoso.example").contains("d\u00e8s l'envoi"),
                "an apostrophe beside a value survives MessageFormat");
        assertEquals("Mailboxes found: 12345", PageText.of("en").words("desk.found", 12345), "a number is not grouped");
    }
}
