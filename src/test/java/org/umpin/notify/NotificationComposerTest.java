package org.umpin.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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

    @Test
    void theWarningAndTheCorrectionLeaveOutTheLinesOfWhatIsNotConfigured() {
        Mailbox alice = new Mailbox(1, "alice", "Alice", Optional.of("alice@contoso.example"), "36697", "en-US",
                true, true, "default");
        Instant expiresAt = Instant.parse("2027-01-06T09:30:00Z");

        PinNotification bare = composer.composeExpiryWarning(alice, expiresAt, "", "");
        PinNotification full = composer.composeExpiryWarning(alice, expiresAt, "+1 425 555 0100",
                "https://umpin.contoso.example/voicemail/");

        assertEquals("Your voice mail PIN expires on January 6, 2027", bare.subject());
        assertEquals(NotificationComposer.Kind.EXPIRY_WARNING, bare.kind());
        assertFalse(bare.text().contains("number:") || bare.text().contains("on the web"), bare.text());
        assertFalse(bare.html().contains("<a href"), bare.html());
        assertTrue(full.text().contains("Your voice mail's number: +1 425 555 0100"), full.text());
        assertTrue(full.html().contains("<a href=\"https://umpin.contoso.example/voicemail/\">"), full.html());

        PinNotification correction = composer.composeCorrection("help@contoso.example", "fr-CA", "Dominique",
                Instant.parse("2026-12-07T01:30:00Z"), "", "");
        assertEquals("help@contoso.example", correction.to(), "to where the PIN went");
        assertEquals("fr", correction.language());
        assertTrue(correction.text().contains("7 décembre 2026"), correction.text());
        assertTrue(correction.text().contains("(UTC)"), correction.text());
    }

    @Test
    void aLanguageOfAnOlderUmpinGetsTheNewMailsInEnglishAndNoneMayHoldThePin(@TempDir Path templates) throws Exception {
        copy(Path.of("config/templates/en"), templates.resolve("en"));
        copy(Path.of("config/templates/fr"), templates.resolve("de"));
        deleteTree(templates.resolve("de/expiry-warning"));
        Mailbox german = new Mailbox(1, "jonas", "Jonas", Optional.of("jonas@contoso.example"), "", "de-DE", true, true, "default");

        NotificationComposer older = new NotificationComposer(templates);
        assertEquals("en", older.composeExpiryWarning(german, Instant.now(), "", "").language());
        assertEquals("de", older.compose(german, PinPolicy.defaults("default"), new Pin("493817")).language());

        Files.writeString(templates.resolve("en/pin-not-set/body.txt"), "Your PIN ${pin} does not work");
        IOException e = assertThrows(IOException.class, () -> new NotificationComposer(templates));
        assertTrue(e.getMessage().contains("body.txt must not contain ${pin}"), e.getMessage());

        deleteTree(templates.resolve("en/pin-not-set"));
        e = assertThrows(IOException.class, () -> new NotificationComposer(templates));
        assertTrue(e.getMessage().contains("has no \"en/pin-not-set\" folder"), e.getMessage());
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
