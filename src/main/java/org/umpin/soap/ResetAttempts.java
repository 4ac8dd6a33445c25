package org.umpin.soap;

import java.security.Principal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.security.SecurityContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.umpin.audit.PinEvent;
import org.umpin.http.HttpAuthentication;
import org.umpin.http.LoginFailures;
import org.umpin.http.RequestStart;
import org.umpin.mailbox.Mailbox;
import org.umpin.voicemail.VoiceMailSettings;

/**
 * Follows each request to UM2007Legacy.asmx (ResetPIN and its sibling operations) from its
 * start ({@link RequestStart}) to its answer, whether the route answered or CXF did: when the
 * answer is ready, before it is written, hands its {@link PinEvent} (the operation, how it ended,
 * the fault code, a Set operation's values) to the recorders (the audit, the metrics) and writes
 * the request's one log line. A request that was never authenticated (HTTP 401, 413, 503) is not
 * recorded as a request; a failed login is, as such.
 */
public final class ResetAttempts implements LoginFailures {

    /** On the CXF exchange: the login of the mailbox the route resets. */
    private static final String RESETTING = "umpin.resetting";
    /** On the CXF exchange: the setting a Set operation changed, before and after. */
    private static final String CHANGED = "umpin.changed";
    private static final Logger LOG = LoggerFactory.getLogger(ResetAttempts.class);

    private final List<Consumer<PinEvent>> recorders;

    public ResetAttempts(List<Consumer<PinEvent>> recorders) {
        this.recorders = List.copyOf(recorders);
    }

    /** Where the answer is known: in the endpoint's out- and out-fault-interceptors, after {@link InvalidRequestFaults}. */
    public AbstractPhaseInterceptor<Message> ending() {
        AbstractPhaseInterceptor<Message> ending = new AbstractPhaseInterceptor<>(Phase.PRE_STREAM) {
            @Override
            public void handleMessage(Message message) {
                try {
                    RequestStart started = message.getExchange().remove(RequestStart.class);
                    if (started != null) {
                        ended(started, message);
                    }
                } finally {
                    MDC.remove(RequestStart.MDC_KEY);
                }
            }
        };
        ending.addAfter(InvalidRequestFaults.class.getName());
        return ending;
    }

    /**
     * A login that failed, or was refused unchecked: recorded and logged like an attempt, so
     * that the audit trail answers "who tried this account" too. The metrics count it as an
     * HTTP refusal, not here.
     *
     * @param login the name as typed, made printable; {@code user} the mailbox it designates, else the name
     */
    @Override
    public void failedLogin(Message message, String login, String user, LoginFailures.Outcome outcome) {
        RequestStart started = RequestStart.take(message.getExchange());
        record(new PinEvent(started.time(), PinEvent.LOGIN, login, user, Optional.ofNullable(started.clientAddress()),
                outcome.word(), Optional.empty(), started.correlationId(),
                Duration.ofNanos(System.nanoTime() - started.startNanos())), "");
    }

    /** Tells the attempt which mailbox the route resets, from the route's exchange. */
    static void resetting(org.apache.camel.Exchange exchange, Mailbox mailbox) {
        Message request = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        if (request != null) {
            request.getExchange().put(RESETTING, mailbox.login());
        }
    }

    /** Tells the request's audit row what its Set operation changed, from the route's exchange. */
    static void changed(org.apache.camel.Exchange exchange, VoiceMailSettings.Change change) {
        Message request = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        if (request != null) {
            request.getExchange().put(CHANGED, new PinEvent.ValueChange(change.oldValue(), change.newValue()));
        }
    }

    private void ended(RequestStart started, Message answer) {
        Message request = answer.getExchange().getInMessage();
        SecurityContext security = request == null ? null : request.get(SecurityContext.class);
        Principal caller = security == null ? null : security.getUserPrincipal();
        if (caller == null) {
            return;
        }
        // the mailbox the route reset (an administrator's target); else the caller's own, which
        // umpin's authentication knows, and an embedding container only by name
        String mailbox = answer.getExchange().get(RESETTING) instanceof String target ? target
                : caller instanceof HttpAuthentication.MailboxPrincipal known ? known.mailbox().login() : caller.getName();
        AuthorizationPolicy credentials = request.get(AuthorizationPolicy.class);
        String login = credentials != null && credentials.getUserName() != null ? credentials.getUserName()
                : caller instanceof HttpAuthentication.MailboxPrincipal known ? known.caller() : caller.getName();
        Duration took = Duration.ofNanos(System.nanoTime() - started.startNanos());
        Exception fault = answer.getContent(Exception.class);
        String operation = Wsdl.operation(answer.getExchange());
        String reason = "";
        Optional<String> faultCode = Optional.empty();
        Optional<PinEvent.ValueChange> change = Optional.empty();
        if (fault == null) {
            change = Optional.ofNullable(answer.getExchange().get(CHANGED)).map(PinEvent.ValueChange.class::cast);
        } else {
            faultCode = Optional.of(fault instanceof Fault f && f.getFaultCode() != null ? f.getFaultCode().getLocalPart()
                    : "ErrorInternalServerError");
            reason = fault instanceof SoapFaults.ProtocolFault p ? p.reason : fault.toString();
        }
        record(new PinEvent(started.time(), operation, login, mailbox, Optional.ofNullable(started.clientAddress()),
                fault == null ? PinEvent.SUCCESS : PinEvent.FAULT, faultCode, started.correlationId(), took, change), reason);
    }

    private void record(PinEvent request, String reason) {
        log(request, reason);
        for (Consumer<PinEvent> recorder : recorders) {
            recorder.accept(request);
        }
    }

    /** The request's one line: operation and outcome, who, from where, how long, why; a change's values. */
    private static void log(PinEvent request, String reason) {
        String what = switch (request.outcome()) {
            case PinEvent.SUCCESS -> request.action() + " success";
            case PinEvent.FAULT -> request.action() + " fault " + request.detail().orElseThrow();
            case "login_refused" -> "Login refused unchecked (too many failed logins)";
            default -> "Login failed";
        };
        String why = request.change().map(c -> ": \"" + c.oldValue() + "\" -> \"" + c.newValue() + "\"").orElse("")
                + (reason.isEmpty() ? "" : ": " + reason);
        String format = "{} for mailbox {} (login {}) from {} in {} ms, correlation id {}{}";
        Object[] args = {what, request.mailbox(), request.caller(), request.clientAddress().orElse(null),
            request.duration().toMillis(), request.correlationId(), why};
        if (!request.isRequest()) {
            LOG.warn(format, args);
            return;
        }
        switch (request.outcome().equals(PinEvent.FAULT) ? request.detail().orElseThrow() : "") {
            case "", "ErrorInvalidRequest", "ErrorInvalidOperation", "UserNotUmEnabledException", "ErrorNonExistentMailbox" -> LOG.info(format, args);
            case "ResetPINException", "ErrorImpersonationDenied" -> LOG.warn(format, args);
            default -> LOG.error(format, args);
        }
    }
}
