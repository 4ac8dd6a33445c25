package org.umpin.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.umpin.audit.PinEvent;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.PinPolicy;
import org.umpin.pin.PinStore;
import org.umpin.voicemail.VoiceMailSettings;

/** The pages' templates, rendered without a server: what they show, escaped, and the headers every page carries. */
class PagesTest {

    private static final String HOSTILE = "<script>alert(1)</script> \"quoted\" & 'single'";
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private static Mailbox mailbox(String displayName, String address) {
        return new Mailbox(7, "alice", displayName, Optional.of(address), "36697", "en-US", true, true, "default");
    }

    @Test
    void everyValueTheUserPageShowsIsEscaped() {
        Response page = Pages.voiceMail(200, new Pages.VoiceMailPage(PageText.of("en"), "tok\"en<", mailbox(HOSTILE, HOSTILE),
                new PinStore.PinState("hash", NOW, false, true, 3), NOW, null, null, PinPolicy.defaults("default"),
                new VoiceMailSettings(true, false, HOSTILE, "")));
        String html = (String) page.getEntity();
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), html);
        assertFalse(html.contains("value=\"tok\"en<\""), "the form token is an escaped attribute: " + html);
        assertTrue(html.contains("name=\"oof\" checked"), "a setting that is on is checked: " + html);
        assertFalse(html.contains("name=\"missed\" checked"), html);
        assertTrue(html.contains("id=\"pin-lockout\">Locked after too many wrong PINs"), html);
        assertFalse(html.contains("role=\"alert\"") || html.contains("role=\"status\""), "no notice, no message: " + html);
        assertEquals("no-store", page.getHeaderString("Cache-Control"));
        assertEquals(Pages.CONTENT_SECURITY_POLICY, page.getHeaderString("Content-Security-Policy"));
        assertEquals("DENY", page.getHeaderString("X-Frame-Options"));
    }

    @Test
    void aRefusedPinListsTheRulesItBrokeInThePagesOrder() {
        PageNotice refused = new PageNotice(PageNotice.Page.VOICE_MAIL, PageNotice.Kind.REFUSED_PIN, "choose.refused",
                List.of("in-history", "too-short"));
        String html = (String) Pages.voiceMail(200, new Pages.VoiceMailPage(PageText.of("fr"), "t", mailbox("Alice", "a@x"),
                null, NOW, refused, null, PinPolicy.defaults("default"), null)).getEntity();
        int tooShort = html.indexOf("(6 chiffres au moins)");
        int inHistory = html.indexOf("un de vos codes PIN r\u00e9cents");
        assertTrue(tooShort > 0 && inHistory > tooShort, html);
        assertTrue(html.contains("<html lang=\"fr\">"), html);
        assertFalse(html.contains("id=\"choose\""), "no PIN yet: nothing to change from");
        assertFalse(html.contains("id=\"save-settings\""), "not enabled for voice mail: no settings");
    }

    @Test
    void theHelpDeskShowsWhatItFoundAndTheAuditRowsEscaped() {
        Mailbox erin = new Mailbox(9, "erin", "Erin Walsh", Optional.of("erin@contoso.example"), "44100", "en", true, true,
                "default");
        PinEvent row = new PinEvent(NOW, "pin-reset", HOSTILE, "erin", Optional.empty(), "success", Optional.of(HOSTILE), "id",
                java.time.Duration.ZERO);
        String html = (String) Pages.helpDesk(new Pages.HelpDeskPage(PageText.of("en"), "t", HOSTILE, List.of(erin), erin, null,
                PinPolicy.defaults("default"), List.of(row), NOW, null)).getEntity();
        assertTrue(html.contains("<a href=\"?mailbox=erin\">Erin Walsh</a> (erin, 44100, erin@contoso.example)"), html);
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("id=\"desk-pin\">No PIN yet."), html);
    }
}
