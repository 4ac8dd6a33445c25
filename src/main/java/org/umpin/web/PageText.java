package org.umpin.web;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.ResourceBundle;
import org.umpin.notify.NotificationComposer;

/**
 * The pages' words in one language ({@code umpin/web/messages*.properties}): English, or
 * French for a language tag {@code fr} or {@code fr-*}, as the PIN e-mail chooses its
 * template. Every value it fills in is HTML-escaped.
 */
final class PageText {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle words;

    private PageText(Locale locale) {
        this.locale = locale;
        // the root file is English: the JVM's own default locale must not choose for the user
        this.words = ResourceBundle.getBundle("umpin.web.messages", locale, PageText.class.getClassLoader(), NO_FALLBACK);
    }

    /** The words for a mailbox's language tag ({@code fr-FR}), or a browser's {@code Accept-Language}. */
    static PageText of(String languages) {
        String first = languages == null ? "" : languages.split(",")[0].split(";")[0].strip();
        Locale locale = Locale.forLanguageTag(first);
        return new PageText("fr".equals(locale.getLanguage()) ? Locale.FRENCH : Locale.ENGLISH);
    }

    /** The language as {@code <html lang>} names it. */
    String language() {
        return locale.getLanguage();
    }

    /** The text of {@code key}, escaped, with {@code values} filled in (escaped too). */
    String html(String key, Object... values) {
        Object[] escaped = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            escaped[i] = escape(String.valueOf(values[i]));
        }
        String pattern = escape(words.getString(key));
        return values.length == 0 ? pattern : new MessageFormat(pattern, locale).format(escaped);
    }

    /** A time as the user reads it: the date and time in the language, in UTC, said so. */
    String time(Instant instant) {
        return escape(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale)
                .withZone(ZoneOffset.UTC).format(instant) + " UTC");
    }

    static String escape(String text) {
        return NotificationComposer.escapeHtml(text);
    }
}
