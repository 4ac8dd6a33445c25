package org.umpin.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.umpin.mailbox.Mailbox;
import org.umpin.pin.Pin;
import org.umpin.pin.PinPolicy;

/**
 * Writes the reset e-mail from templates an operator can edit: one folder per language
 * ({@code en}, {@code fr}, {@code fr-CA}...) holding {@code subject.txt}, {@code body.txt}
 * and {@code body.html}. The mailbox's language picks the folder, its base language next,
 * English last. Placeholders: {@code ${displayName}}, {@code ${pin}}, {@code ${pinLength}},
 * {@code ${resetPinText}}; values are HTML-escaped in {@code body.html}. The subject is a
 * mail header, so it may not hold the PIN.
 */
public final class NotificationComposer {

    public static final String FALLBACK_LANGUAGE = "en";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    private static final String PIN_PLACEHOLDER = "${pin}";

    private record Templates(String subject, String text, String html) {
    }

    private final Map<String, Templates> byLanguage = new HashMap<>();

    /** Reads every language folder at once, so that a broken template stops the start, not a reset. */
    public NotificationComposer(Path folder) throws IOException {
        try (Stream<Path> languages = Files.list(folder)) {
            for (Path language : languages.filter(Files::isDirectory).toList()) {
                byLanguage.put(language.getFileName().toString().toLowerCase(Locale.ROOT), new Templates(
                        read(language, "subject.txt").strip(), read(language, "body.txt"), read(language, "body.html")));
            }
        }
        if (!byLanguage.containsKey(FALLBACK_LANGUAGE)) {
            throw new IOException(folder + " has no \"" + FALLBACK_LANGUAGE + "\" folder, the fallback language");
        }
    }

    public PinNotification compose(Mailbox mailbox, PinPolicy policy, Pin pin) {
        String language = languageOf(mailbox.language());
        Templates t = byLanguage.get(language);
        Map<String, String> values = Map.of(
                "displayName", mailbox.displayName(),
                "pin", pin.digits(),
                "pinLength", Integer.toString(pin.length()),
                "resetPinText", policy.resetPinText());
        // a mailbox without an address gets its PIN sent elsewhere (NotifyEmail) or not at all: the caller says where
        String to = mailbox.smtpAddress().orElse("");
        // an empty value (ResetPINText is often empty) leaves no blank paragraph behind
        return new PinNotification(to, language, fill(t.subject(), values, false).replaceAll("[\r\n]+", " "),
                fill(t.text(), values, false).replaceAll("(\r?\n){3,}", "\n\n"),
                fill(t.html(), values, true).replaceAll("<p>\\s*</p>\\s*", ""));
    }

    /** The best folder for a BCP 47 tag: {@code fr-FR}, then {@code fr}, then English. */
    String languageOf(String tag) {
        String wanted = tag == null ? "" : tag.toLowerCase(Locale.ROOT).replace('_', '-');
        if (byLanguage.containsKey(wanted)) {
            return wanted;
        }
        int dash = wanted.indexOf('-');
        String base = dash > 0 ? wanted.substring(0, dash) : wanted;
        return byLanguage.containsKey(base) ? base : FALLBACK_LANGUAGE;
    }

    private static String fill(String template, Map<String, String> values, boolean html) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            String text = value == null ? m.group() : html ? escapeHtml(value).replace("\n", "<br>\n") : value;
            m.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        return m.appendTail(out).toString();
    }

    /** {@code s} as HTML text or an attribute's value: the five characters HTML gives a meaning escaped. */
    public static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** The bodies must carry the PIN; the subject, a mail header, must not. */
    private static String read(Path folder, String name) throws IOException {
        String text = Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
        boolean subject = name.startsWith("subject");
        if (subject == text.contains(PIN_PLACEHOLDER)) {
            throw new IOException(folder.resolve(name) + (subject ? " must not contain " : " does not contain ")
                    + PIN_PLACEHOLDER);
        }
        return text;
    }
}
