package org.umpin.soap;

import javax.xml.namespace.QName;
import org.apache.camel.Exchange;
import org.apache.cxf.binding.soap.SoapFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.steps.StepProperties;
import org.w3c.dom.Element;

/**
 * The protocol's SOAP faults, one per failure, for the {@code soap-faults} route
 * configuration. Each is HTTP 500 with an {@code a:} fault code; what the caller reads is
 * written here, never taken from an internal exception. The internal reason travels with the
 * fault, off the wire, to the reset's one log line ({@link ResetAttempts}).
 */
public final class SoapFaults {

    private static final Logger LOG = LoggerFactory.getLogger(SoapFaults.class);
    static final String INVALID_REQUEST = "The request is invalid.";
    static final String INTERNAL_ERROR = "An internal server error occurred. The operation failed.";
    static final String TELEPHONY_NOT_SERVED = "The operation is not supported: this service places no telephone calls.";

    /** {@code a:ErrorInvalidRequest}: not a well-formed request of the operation, or a value its rule refuses. */
    public SoapFault invalidRequest(Exchange exchange) {
        return invalidRequest(caught(exchange).getMessage());
    }

    /** {@code a:UserNotUmEnabledException}: the caller's mailbox is not enabled for UM. */
    public SoapFault userNotUmEnabled(Exchange exchange) {
        return exceptionFault("UserNotUmEnabledException", caught(exchange).getMessage(), "not UM-enabled");
    }

    /** {@code a:ErrorImpersonationDenied}: a caller without the administrator role named another mailbox. */
    public SoapFault impersonationDenied(Exchange exchange) {
        return responseCodeFault("ErrorImpersonationDenied", caught(exchange).getMessage(), "not an administrator");
    }

    /** {@code a:ErrorNonExistentMailbox}: an administrator named a mailbox the directory does not have. */
    public SoapFault nonExistentMailbox(Exchange exchange) {
        return responseCodeFault("ErrorNonExistentMailbox", caught(exchange).getMessage(), "no such mailbox");
    }

    /** {@code a:ResetPINException}: the reset could not be done; its message was written for the caller. */
    public SoapFault resetPin(Exchange exchange) {
        return exceptionFault("ResetPINException", caught(exchange).getMessage(), caught(exchange).getMessage());
    }

    /** {@code a:ResetPINException}: the SMTP server did not accept the e-mail, so the PIN was not changed. */
    public SoapFault mailNotAccepted(Exchange exchange) {
        return exceptionFault("ResetPINException", "The e-mail with the new PIN could not be sent; the PIN was not changed.",
                "the SMTP server did not accept the e-mail, so nothing was stored: " + caught(exchange));
    }

    /** {@code a:ErrorInternalServerError}: anything else; the correlation id ties the fault to the log. */
    public SoapFault internalServerError(Exchange exchange) {
        return internalServerError(caught(exchange), StepProperties.correlationId(exchange));
    }

    public static SoapFault internalServerError(Throwable cause, String correlationId) {
        LOG.error("Request failed, correlation id {}", correlationId, cause);
        SoapFault fault = responseCodeFault("ErrorInternalServerError", INTERNAL_ERROR, cause.toString());
        Element messageXml = appendDetail(fault, Wsdl.ERRORS_NS, "e:MessageXml", null);
        Element value = messageXml.getOwnerDocument().createElementNS(Wsdl.TYPES_NS, "t:Value");
        value.setAttribute("Name", "CorrelationId");
        value.setTextContent(correlationId);
        messageXml.appendChild(value);
        return fault;
    }

    static SoapFault invalidRequest(String reason) {
        return responseCodeFault("ErrorInvalidRequest", INVALID_REQUEST, reason);
    }

    /** {@code a:ErrorInvalidOperation}: one of MS-OXWUMS's operations that place or control a phone call. */
    static SoapFault telephonyNotServed(String operation) {
        return responseCodeFault("ErrorInvalidOperation", TELEPHONY_NOT_SERVED, operation + " is not served");
    }

    /** The EWS error form: {@code e:ResponseCode} and {@code e:Message} in the detail. */
    private static SoapFault responseCodeFault(String code, String message, String reason) {
        SoapFault fault = fault(code, message, reason);
        appendDetail(fault, Wsdl.ERRORS_NS, "e:ResponseCode", code);
        appendDetail(fault, Wsdl.ERRORS_NS, "e:Message", message);
        return fault;
    }

    /** The UM operations' form: {@code m:ExceptionType} in the detail. */
    private static SoapFault exceptionFault(String exceptionType, String message, String reason) {
        SoapFault fault = fault(exceptionType, message, reason);
        appendDetail(fault, Wsdl.MESSAGES_NS, "m:ExceptionType", exceptionType);
        return fault;
    }

    private static SoapFault fault(String code, String faultString, String reason) {
        SoapFault fault = new ProtocolFault(faultString, new QName(Wsdl.TYPES_NS, code, "a"), reason);
        fault.setLang("en-US");
        fault.setStatusCode(500);
        return fault;
    }

    private static Element appendDetail(SoapFault fault, String namespace, String name, String text) {
        Element detail = fault.getOrCreateDetail();
        Element element = detail.getOwnerDocument().createElementNS(namespace, name);
        if (text != null) {
            element.setTextContent(text);
        }
        detail.appendChild(element);
        return element;
    }

    private static Throwable caught(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return caught != null ? caught : new IllegalStateException("no exception caught");
    }

    /** A fault made here: the CXF fault chain passes it on unchanged; {@code reason} is for the log only. */
    static final class ProtocolFault extends SoapFault {

        private static final long serialVersionUID = 1L;
        final transient String reason;

        ProtocolFault(String faultString, QName code, String reason) {
            super(faultString, code);
            this.reason = reason == null ? "" : reason;
        }
    }
}
