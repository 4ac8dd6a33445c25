package org.umpin.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A reset e-mail as the SMTP server received it: its text and HTML parts, and the PIN they carry. */
public record PinMail(MimeMessage message, String text, String html) {

    private static final Pattern TEXT_PIN = Pattern.compile("(?m)^\\s{4}(\\d{4,24})\\s*$");
    private static final Pattern HTML_PIN = Pattern.compile("<strong>(\\d{4,24})</strong>");

    public static PinMail of(MimeMessage message) throws Exception {
        if (!message.isMimeType("multipart/alternative")) {
            throw new AssertionError("not multipart/alternative: " + message.getContentType());
        }
        Multipart parts = (Multipart) message.getContent();
        String text = null;
        String html = null;
        for (int i = 0; i < parts.getCount(); i++) {
            BodyPart part = parts.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                text = (String) part.getContent();
            } else if (part.isMimeType("text/html")) {
                html = (String) part.getContent();
            }
        }
        if (text == null || html == null) {
            throw new AssertionError("the mail lacks a text or an HTML part");
        }
        return new PinMail(message, text, html);
    }

    /**
     * The e-mails of one kind among {@code accepted}, in order, by their X-Umpin-Mail header:
     * {@code reset} (a new PIN), {@code pin-not-set} (a correction), {@code expiry-warning}.
     */
    public static List<MimeMessage> ofKind(List<MimeMessage> accepted, String kind) throws MessagingException {
        List<MimeMessage> ofKind = new ArrayList<>();
        for (MimeMessage message : accepted) {
            if (kind.equals(message.getHeader("X-Umpin-Mail", null))) {
                ofKind.add(message);
            }
        }
        return ofKind;
    }

    /** The PIN in the text part; the HTML part must carry the same one. */
    public String pin() {
        String fromText = find(TEXT_PIN, text);
        String fromHtml = find(HTML_PIN, html);
        if (!fromText.equals(fromHtml)) {
            throw new AssertionError("the text and HTML parts carry different PINs");
        }
        return fromText;
    }

    private static String find(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new AssertionError("no PIN in " + body);
        }
        return m.group(1);
    }

    /** The PIN of each e-mail in {@code user}'s INBOX on an IMAP server, oldest first. */
    public static List<String> overImap(int port, String user, String password) throws Exception {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "10000");
        Store store = Session.getInstance(props).getStore("imap");
        store.connect("127.0.0.1", port, user, password);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            List<String> pins = new ArrayList<>();
            for (jakarta.mail.Message message : inbox.getMessages()) {
                pins.add(PinMail.of((MimeMessage) message).pin());
            }
            return pins;
        } finally {
            store.close();
        }
    }
}
