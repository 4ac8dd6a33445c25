package org.umpin.web;

import java.util.List;

/**
 * What a page says once, after an action of its session: umpin's own words (a key of
 * {@code messages.properties}) and the values umpin filled in from its own state (the address
 * a PIN went to, a reference, the rules a PIN broke). Kept in the session, never in the
 * address, so that no link can make umpin's page say something umpin did not decide.
 *
 * @param page   the page that shows it
 * @param kind   how it is shown
 * @param key    the words
 * @param values the words' values; for {@link Kind#REFUSED_PIN}, the rules the PIN broke
 */
public record PageNotice(Page page, Kind kind, String key, List<String> values) {

    /** Which page shows a notice: a help desk's action is not reported on the user's page. */
    public enum Page { VOICE_MAIL, HELP_DESK }

    public enum Kind {
        /** Done as asked. */
        DONE,
        /** Not done; the words say why. */
        FAILED,
        /** A PIN of one's own that breaks the policy: the rules are listed. */
        REFUSED_PIN
    }

    public PageNotice {
        values = List.copyOf(values);
    }

    static PageNotice done(Page page, String key, String... values) {
        return new PageNotice(page, Kind.DONE, key, List.of(values));
    }

    static PageNotice failed(Page page, String key, String... values) {
        return new PageNotice(page, Kind.FAILED, key, List.of(values));
    }
}
