package org.umpin.mailbox;

/**
 * EWS's {@code ErrorImpersonationDenied}: the caller named another mailbox (an
 * {@code ExchangeImpersonation} header) without holding the administrator role.
 */
public class ImpersonationDeniedException extends RuntimeException {

    public ImpersonationDeniedException() {
        super("The account does not have permission to impersonate the requested user.");
    }
}
