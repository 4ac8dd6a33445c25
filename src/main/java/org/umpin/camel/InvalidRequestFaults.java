package org.umpin.camel;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CXF answers requests it cannot dispatch (not XML, unknown element or namespace, SOAPAction
 * mismatch, wrong SOAP version) with faults of its own whose text comes from CXF. The
 * protocol wants {@code a:ErrorInvalidRequest} for all of them; faults umpin made pass unchanged.
 */
public final class InvalidRequestFaults extends AbstractSoapInterceptor {

    private static final Logger LOG = LoggerFactory.getLogger(InvalidRequestFaults.class);

    public InvalidRequestFaults() {
        super(Phase.PRE_STREAM);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Exception fault = message.getContent(Exception.class);
        if (ResetPinFaults.isProtocolFault(fault)) {
            return;
        }
        LOG.info("ResetPIN refused as invalid: {}", fault == null ? "no reason given" : fault.getMessage());
        if (Boolean.TRUE.equals(message.getExchange().get(RequestSizeLimit.TOO_LARGE))) {
            // HTTP's own word for it; the body still carries the protocol's fault
            message.put(Message.RESPONSE_CODE, 413);
        }
        message.setContent(Exception.class, ResetPinFaults.invalidRequest());
    }
}
