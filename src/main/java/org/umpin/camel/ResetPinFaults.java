package org.umpin.camel;

import java.util.UUID;
import javax.xml.namespace.QName;
import org.apache.camel.Exchange;
import org.apache.cxf.binding.soap.SoapFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.mailbox.Mailbox;
import org.w3c.dom.Element;

/**
 * The protocol's SOAP faults, one per failure, for the {@code soap-faults} route
 * configuration. Each is HTTP 500 with an {@code a:} fault code; what the caller reads is
 * written here, never taken from an internal exception.
 */
public final class ResetPinFaults {

    private static final Logger LOG = LoggerFactory.getLogger(ResetPinFaults.class);
    static final String INVALID_REQUEST = "The request is invalid.";
    static final String INTERNAL_ERROR = "An internal server error occurred. The operation failed.";

    /** {@code a:ErrorInvalidRequest}: not a well-formed {@code <m:ResetPIN/>} request. */
    public SoapFault invalidRequest(Exchange exchange) {
        LOG.info("ResetPIN refused as invalid: {}", caught(exchange).getMessage());
        return invalidRequest();
    }

    /** {@code a:UserNotUmEnabledException}: the caller's mailbox is not enabled for UM. */
    public SoapFault userNotUmEnabled(Exchange exchange) {
        LOG.info("ResetPIN refused for {}: not UM-enabled", login(exchange));
        return exceptionFault("UserNotUmEnabledException", caught(exchange).getMessage());
    }

    /** {@code a:ResetPINException}: the reset could not be done; its message was written for the caller. */
    public SoapFault resetPin(Exchange exchange) {
        LOG.warn("ResetPIN failed for {}: {}", login(exchange), caught(exchange).getMessage());
        return exceptionFault("ResetPINException", caught(exchange).getMessage());
    }

    /** {@code a:ResetPINException}: the SMTP server did not accept the e-mail, so the PIN was not changed. */
    public SoapFault mailNotAccepted(Exchange exchange) {
        LOG.warn("ResetPIN failed for {}: the SMTP server did not accept the e-mail, so nothing was stored: {}",
                login(exchange), caught(exchange).toString());
        return exceptionFault("ResetPINException", "The e-mail with the new PIN could not be sent; the PIN was not changed.");
    }

    /** {@code a:ErrorInternalServerError}: anything else; the correlation id ties the fault to the log. */
    public SoapFault internalServerError(Exchange exchange) {
        return internalServerError(caught(exchange));
    }

    static SoapFault internalServerError(Throwable cause) {
        String correlationId = UUID.randomUUID().toString();
        LOG.error("ResetPIN failed, correlation id {}", correlationId, cause);
        SoapFault fault = responseCodeFault("ErrorInternalServerError", INTERNAL_ERROR);
        Element messageXml = appendDetail(fault, Wsdl.ERRORS_NS, "e:MessageXml", null);
        Element value = messageXml.getOwnerDocument().createElementNS(Wsdl.TYPES_NS, "t:Value");
        value.setAttribute("Name", "CorrelationId");
        value.setTextContent(correlationId);
        messageXml.appendChild(value);
        return fault;
    }

    static SoapFault invalidRequest() {
        return responseCodeFault("ErrorInvalidRequest", INVALID_REQUEST);
    }

    /** True for the faults made here, which the CXF fault chain must pass on unchanged. */
    static boolean isProtocolFault(Throwable fault) {
        return fault instanceof SoapFault soap && soap.getFaultCode() != null
                && Wsdl.TYPES_NS.equals(soap.getFaultCode().getNamespaceURI());
    }

    /** The EWS error form: {@code e:ResponseCode} and {@code e:Message} in the detail. */
    private static SoapFault responseCodeFault(String code, String message) {
        SoapFault fault = fault(code, message);
        appendDetail(fault, Wsdl.ERRORS_NS, "e:ResponseCode", code);
        appendDetail(fault, Wsdl.ERRORS_NS, "e:Message", message);
        return fault;
    }

    /** The UM operations' form: {@code m:ExceptionType} in the detail. */
    private static SoapFault exceptionFault(String exceptionType, String message) {
        SoapFault fault = fault(exceptionType, message);
        appendDetail(fault, Wsdl.MESSAGES_NS, "m:ExceptionType", exceptionType);
        return fault;
    }

    private static SoapFault fault(String code, String faultString) {
        SoapFault fault = new SoapFault(faultString, new QName(Wsdl.TYPES_NS, code, "a"));
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

    private static String login(Exchange exchange) {
        Object mailbox = exchange.getProperty(ResetPinExchange.MAILBOX);
        return mailbox instanceof Mailbox m ? m.login() : "an unidentified caller";
    }
}
