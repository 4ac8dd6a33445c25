package org.umpin.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
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
 * Writes umpin's e-mails from templates an operator can edit: one folder per language
 * ({@code en}, {@code fr}, {@code fr-CA}...) holding the reset e-mail's {@code subject.txt},
 * {@code body.txt} and {@code body.html}, and a subfolder of the same three files for each other
 * {@link Kind}. The mailbox's language picks the folder that has the kind, its base language
 * next, English last. Placeholders: {@code ${displayName}}, {@code ${pin}}, {@code ${pinLength}},
 * {@code ${resetPinText}} (the reset); {@code ${expiresOn}} (the expiry warning);
 * {@code ${mailedAt}} (the correction); {@code ${telephoneAccessNumbers}} and
 * {@code ${pageAddress}} (both). Values are HTML-escaped in {@code body.html}; a line whose
 * placeholder is empty is left out. The subject is a mail header, so it may not hold the PIN;
 * only the reset e-mail has one.
 */
public final class NotificationComposer {

    public static final String FALLBACK_LANGUAGE = "en";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    private static final String PIN_PLACEHOLDER = "${pin}";

    /** umpin's e-mails, each with its templates: the folder's own files, or its subfolder. */
    public enum Kind {
        /** The new PIN. */
        RESET("", "reset"),
        /** The PIN expires in a few days (routes/expiry-warning.camel.yaml). */
        EXPIRY_WARNING("expiry-warning", "expiry-warning"),
        /** The PIN of an earlier e-mail never became valid (routes/pin-corrections.camel.yaml). */
        PIN_NOT_SET("pin-not-set", "pin-not-set");

        private final String folder;
        private final String word;

        Kind(String folder, String word) {
            this.folder = folder;
            this.word = word;
        }

        /** The e-mail's {@value #HEADER} header, by which a mail filter (and a test) tells them apart. */
        public String word() {
            return word;
        }

        public static final String HEADER = "X-Umpin-Mail";
    }

    /**
     * The header that ties a correction to the PIN e-mail it corrects: both carry the number of the
     * reset's intent (routes/pin-corrections.camel.yaml).
     */
    public static final String RESET_HEADER = "X-Umpin-Reset";

    private record Templates(String subject, String text, String html) {
    }

    private record Key(String language, Kind kind) {
    }

    private final Map<Key, Templates> templates = new HashMap<>();
    private final ZoneId zone;

    /** Reads every language folder at once, so that a broken template stops the start, not a reset; times in UTC. */
    public NotificationComposer(Path folder) throws IOException {
        this(folder, ZoneId.of("UTC"));
    }

    /** ... the times the e-mails give in {@code zone} ({@code umpin.mail.time-zone}). */
    public NotificationComposer(Path folder, ZoneId zone) throws IOException {
        this.zone = zone;
        try (Stream<Path> languages = Files.list(folder)) {
            for (Path language : languages.filter(Files::isDirectory).toList()) {
                String name = language.getFileName().toString().toLowerCase(Locale.ROOT);
                for (Kind kind : Kind.values()) {
                    Path files = language.resolve(kind.folder);
                    // a language of an older umpin's templates has the reset only: the others fall back to English
                    if (kind == Kind.RESET || Files.isDirectory(files)) {
                        templates.put(new Key(name, kind), new Templates(read(files, "subject.txt", kind).strip(),
                                read(files, "body.txt", kind), read(files, "body.html", kind)));
                    }
                }
            }
        }
        for (Kind kind : Kind.values()) {
            if (!templates.containsKey(new Key(FALLBACK_LANGUAGE, kind))) {
                throw new IOException(folder + " has no \"" + FALLBACK_LANGUAGE + "/" + kind.folder
                        + "\" folder, the fallback language");
            }
        }
    }

    public PinNotification compose(Mailbox mailbox, PinPolicy policy, Pin pin) {
        Map<String, String> values = Map.of(
                "displayName", mailbox.displayName(),
                "pin", pin.digits(),
                "pinLength", Integer.toString(pin.length()),
                "resetPinText", policy.resetPinText());
        // a mailbox without an address gets its PIN sent elsewhere (NotifyEmail) or not at all: the caller says where
        return compose(Kind.RESET, mailbox.smtpAddress().orElse(""), mailbox.language(), values);
    }

    /**
     * The warning that the mailbox's PIN expires at {@code expiresAt}, with how to change it: the
     * policy's telephone access numbers and the pages' address, each left out when empty.
     */
    public PinNotification composeExpiryWarning(Mailbox mailbox, Instant expiresAt, String telephoneAccessNumbers,
                                                String pageAddress) {
        Locale locale = Locale.forLanguageTag(mailbox.language());
        return compose(Kind.EXPIRY_WARNING, mailbox.smtpAddress().orElse(""), mailbox.language(), Map.of(
                "displayName", mailbox.displayName(),
                "expiresOn", DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale)
                        .format(expiresAt.atZone(zone)),
                "telephoneAccessNumbers", telephoneAccessNumbers,
                "pageAddress", pageAddress));
    }

    /**
     * The correction: the PIN of the e-mail umpin sent to {@code to} at {@code mailedAt} never
     * became the mailbox's PIN.
     */
    public PinNotification composeCorrection(String to, String language, String displayName, Instant mailedAt,
                                             String telephoneAccessNumbers, String pageAddress) {
        Locale locale = Locale.forLanguageTag(language);
        return compose(Kind.PIN_NOT_SET, to, language, Map.of(
                "displayName", displayName,
                "mailedAt", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale)
                        .format(mailedAt.atZone(zone)) + " (" + zone.getId() + ")",
                "telephoneAccessNumbers", telephoneAccessNumbers,
                "pageAddress", pageAddress));
    }

    private PinNotification compose(Kind kind, String to, String languageTag, Map<String, String> values) {
        String language = languageOf(languageTag, kind);
        Templates t = templates.get(new Key(language, kind));
        // an empty value (ResetPINText is often empty) leaves no blank paragraph behind
        return new PinNotification(kind, to, language, fill(t.subject(), values, false).replaceAll("[\r\n]+", " "),
                fill(t.text(), values, false).replaceAll("(\r?\n){3,}", "\n\n"),
                fill(t.html(), values, true).replaceAll("<p>\\s*</p>\\s*", ""));
    }

    /** The best folder for a BCP 47 tag: {@code fr-FR}, then {@code fr}, then English. */
    String languageOf(String tag) {
        return languageOf(tag, Kind.RESET);
    }

    private String languageOf(String tag, Kind kind) {
        String wanted = tag == null ? "" : tag.toLowerCase(Locale.ROOT).replace('_', '-');
        if (templates.containsKey(new Key(wanted, kind))) {
            return wanted;
        }
        int dash = wanted.indexOf('-');
        String base = dash > 0 ? wanted.substring(0, dash) : wanted;
        return templates.containsKey(new Key(base, kind)) ? base : FALLBACK_LANGUAGE;
    }

    /** The template with its values; a line whose only placeholders are empty values is left out whole. */
    private static String fill(String template, Map<String, String> values, boolean html) {
        StringBuilder out = new StringBuilder();
        for (String line : template.split("(?<=\n)")) {
            Matcher m = PLACEHOLDER.matcher(line);
            StringBuilder filled = new StringBuilder();
            boolean empty = false;
            boolean any = false;
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value != null) {
                    any = true;
                    empty |= value.isEmpty();
                }
                String text = value == null ? m.group() : html ? escapeHtml(value).replace("\n", "<br>\n") : value;
                m.appendReplacement(filled, Matcher.quoteReplacement(text));
            }
            if (!(any && empty && !line.contains(PIN_PLACEHOLDER))) {
                out.append(m.appendTail(filled));
            }
        }
        return out.toString();
    }

    /** {@code s} as HTML text or an attribute's value: the five characters HTML gives a meaning escaped. */
    public static String escapeHtml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    /** The reset's bodies must carry the PIN; its subject, a mail header, must not, nor any other e-mail. */
    private static String read(Path folder, String name, Kind kind) throws IOException {
        String text = Files.readString(folder.resolve(name), StandardCharsets.UTF_8);
        boolean pinWanted = kind == Kind.RESET && !name.startsWith("subject");
        if (pinWanted != text.contains(PIN_PLACEHOLDER)) {
            throw new IOException(folder.resolve(name) + (pinWanted ? " does not contain " : " must not contain ")
                    + PIN_PLACEHOLDER);
        }
        return text;
    }
}
