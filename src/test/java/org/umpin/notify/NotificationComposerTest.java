package org.umpin.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.Pin;
import org.umpin.pin.PinPolicy;

/** The repository's own templates, as an operator would ship them. */
class NotificationComposerTest {

    final NotificationComposer composer;

    NotificationComposerTest() throws Exception {
        composer = new NotificationComposer(Path.of("config/templates"));
    }

    @Test
    void languageFallsBackToTheBaseLanguageThenEnglish() {
        assertEquals("fr", composer.languageOf("fr-FR"));
        assertEquals("fr", composer.languageOf("fr-CA"));
        assertEquals("en", composer.languageOf("en-US"));
        assertEquals("en", composer.languageOf("de-DE"));
        assertEquals("en", composer.languageOf(null));
    }

    @Test
    void aTemplateThatWouldPutThePinInAHeaderOrLeaveItOutIsRefused(@TempDir Path templates) throws Exception {
        Path en = Files.createDirectories(templates.resolve("en"));
        Files.writeString(en.resolve("body.txt"), "PIN: ${pin}");
        Files.writeString(en.resolve("body.html"), "<p>${pin}</p>");
        Files.writeString(en.resolve("subject.txt"), "Your PIN is ${pin}");
        IOException e = assertThrows(IOException.class, () -> new NotificationComposer(templates));
        assertTrue(e.getMessage().contains("subject.txt must not contain ${pin}"), e.getMessage());

        Files.writeString(en.resolve("subject.txt"), "Your new PIN");
        Files.writeString(en.resolve("body.html"), "<p>no PIN here</p>");
        e = assertThrows(IOException.class, () -> new NotificationComposer(templates));
        assertTrue(e.getMessage().contains("body.html does not contain ${pin}"), e.getMessage());
    }

    @Test
    void anEmptyResetPinTextLeavesNoGap() {
        Mailbox mailbox = new Mailbox(1, "alice", "Alice", Optional.of("alice@contoso.example"), "36697", "en-US",
                true, true, "default");

        PinNotification mail = composer.compose(mailbox, PinPolicy.defaults("default"), new Pin("493817"));

        assertFalse(mail.text().contains("\n\n\n"), mail.text());
        assertFalse(mail.html().contains("<p></p>"), mail.html());
        assertTrue(mail.text().contains("of your own.\n\nIf you did not ask"), mail.text());
    }

    @Test
    void htmlEscapesWhatTheTemplateDoesNotControl() {
        Mailbox mailbox = new Mailbox(1, "eve", "<script>alert(1)</script>", Optional.of("eve@contoso.example"), "",
                "en-US", true, true, "default");
        PinPolicy policy = new PinPolicy("p", 6, Optional.of(60), 5, false, "Call <b>4357</b>\nor walk in.");

        PinNotification mail = composer.compose(mailbox, policy, new Pin("493817"));

        assertFalse(mail.html().contains("<script>"), mail.html());
        assertTrue(mail.html().contains("&lt;script&gt;"), mail.html());
        assertTrue(mail.html().contains("Call &lt;b&gt;4357&lt;/b&gt;<br>"), mail.html());
        assertTrue(mail.text().contains("Call <b>4357</b>\nor walk in."), "plain text stays as written");
        assertTrue(mail.text().contains("493817") && mail.html().contains("493817"));
        assertEquals("eve@contoso.example", mail.to());
        assertFalse(mail.toString().contains("493817"));
    }
}
