package org.umpin.web;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The pages' words in one language ({@code umpin/web/messages*.properties}): English, or
 * French for a language tag {@code fr} or {@code fr-*}, as the PIN e-mail chooses its
 * template. The words are plain text; the templates escape them, as every value they show.
 */
public final class PageText {

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
    public static PageText of(String languages) {
        String first = languages == null ? "" : languages.split(",")[0].split(";")[0].strip();
        Locale locale = Locale.forLanguageTag(first);
        return new PageText("fr".equals(locale.getLanguage()) ? Locale.FRENCH : Locale.ENGLISH);
    }

    /** The language as {@code <html lang>} names it. */
    public String language() {
        return locale.getLanguage();
    }

    /** The text of {@code key}, with {@code values} filled in: plain text, which the template escapes. */
    public String words(String key, Object... values) {
        String pattern = words.getString(key);
        // MessageFormat reads ' as a quote: the words' apostrophes (l'envoi) are plain text
        // and each value is text as umpin has it: a number is not grouped by the language's rules
        return values.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), locale)
                .format(Arrays.stream(values).map(String::valueOf).toArray());
    }

    /** A time as the user reads it: the date and time in the language, in UTC, said so. */
    public String time(Instant instant) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(locale).withZone(ZoneOffset.UTC)
                .format(instant) + " UTC";
    }
}
