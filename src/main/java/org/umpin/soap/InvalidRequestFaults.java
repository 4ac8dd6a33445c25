package org.umpin.soap;

import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.binding.soap.interceptor.AbstractSoapInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.Phase;
import org.umpin.http.RequestSizeLimit;

/**
 * CXF answers requests it cannot dispatch (not XML, unknown element or namespace, SOAPAction
 * mismatch, wrong SOAP version) with faults of its own whose text comes from CXF. The
 * protocol wants {@code a:ErrorInvalidRequest} for all of them, but for MS-OXWUMS's telephony
 * operations, which umpin does not serve: {@code a:ErrorInvalidOperation}. Faults umpin made
 * pass unchanged.
 */
public final class InvalidRequestFaults extends AbstractSoapInterceptor {

    public InvalidRequestFaults() {
        super(Phase.PRE_STREAM);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Exception fault = message.getContent(Exception.class);
        if (fault instanceof SoapFaults.ProtocolFault) {
            return;
        }
        if (Boolean.TRUE.equals(message.getExchange().get(RequestSizeLimit.TOO_LARGE))) {
            // HTTP's own word for it; the body still carries the protocol's fault
            message.put(Message.RESPONSE_CODE, 413);
        }
        String operation = Wsdl.soapActionOperation(message.getExchange().getInMessage());
        message.setContent(Exception.class, Wsdl.TELEPHONY_OPERATIONS.contains(operation) ? SoapFaults.telephonyNotServed(operation)
                : SoapFaults.invalidRequest(fault == null ? "no reason given" : fault.getMessage()));
    }
}
