package org.umpin.web;

import org.umpin.mailbox.UserNotUmEnabledException;
import org.umpin.pin.PinChangeRefused;
import org.umpin.pin.TooManyResetsException;

/**
 * What a page says when a route refused or failed: the domain's outcome (the exception's type,
 * never its message) to the words of {@code messages.properties}, in one place. Anything
 * unforeseen is a failure with the request's reference, which the log line and the audit row
 * carry too.
 */
final class PageOutcomes {

    private PageOutcomes() {
    }

    /** The user's own reset ({@code direct:page-reset-pin}). */
    static PageNotice resetFailed(Exception failure, String reference) {
        if (failure instanceof UserNotUmEnabledException) {
            return PageNotice.failed(PageNotice.Page.VOICE_MAIL, "reset.notEnabled");
        }
        if (failure instanceof TooManyResetsException) {
            return PageNotice.failed(PageNotice.Page.VOICE_MAIL, "reset.tooMany");
        }
        return PageNotice.failed(PageNotice.Page.VOICE_MAIL, "reset.failed", reference);
    }

    /** A PIN of the user's own ({@code direct:page-change-pin}): a refused PIN lists the rules it breaks. */
    static PageNotice pinChangeFailed(Exception failure, String reference) {
        if (failure instanceof PinChangeRefused.Refused refused) {
            return new PageNotice(PageNotice.Page.VOICE_MAIL, PageNotice.Kind.REFUSED_PIN, "choose.refused", refused.words());
        }
        if (failure instanceof PinChangeRefused.WrongPin wrong) {
            return PageNotice.failed(PageNotice.Page.VOICE_MAIL, wrong.pinReset() ? "choose.wrongPinReset" : "choose.wrongPin");
        }
        if (failure instanceof PinChangeRefused.LockedOut) {
            return PageNotice.failed(PageNotice.Page.VOICE_MAIL, "choose.locked");
        }
        return PageNotice.failed(PageNotice.Page.VOICE_MAIL, "choose.failed", reference);
    }

    /** A setting the page could not save ({@code direct:page-change-setting}). */
    static PageNotice settingFailed(String reference) {
        return PageNotice.failed(PageNotice.Page.VOICE_MAIL, "settings.failed", reference);
    }

    /** A help desk's unlock or reset that failed: the log and the audit row say why. */
    static PageNotice deskFailed() {
        return PageNotice.failed(PageNotice.Page.HELP_DESK, "desk.failed");
    }
}
