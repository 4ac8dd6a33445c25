package org.umpin.soap;

import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.service.model.BindingOperationInfo;

/** Names from the UM legacy web service's WSDL and the EWS schemas. */
public final class Wsdl {

    public static final String MESSAGES_NS = "http://schemas.microsoft.com/exchange/services/2006/messages";
    public static final String TYPES_NS = "http://schemas.microsoft.com/exchange/services/2006/types";
    public static final String ERRORS_NS = "http://schemas.microsoft.com/exchange/services/2006/errors";

    public static final String LOCATION = "wsdl/UM2007Legacy.wsdl";
    public static final QName SERVICE = new QName(MESSAGES_NS, "UM2007Legacy");
    public static final QName PORT = new QName(MESSAGES_NS, "UM2007LegacySoap");
    public static final String PATH = "/EWS/UM2007Legacy.asmx";

    /** The operations umpin serves, each from the route {@code direct:<operation>}. */
    public static final List<String> OPERATIONS = List.of("ResetPIN", "IsUMEnabled", "GetUMProperties", "SetOofStatus",
            "SetMissedCallNotificationEnabled", "SetPlayOnPhoneDialString", "SetTelephoneAccessFolderEmail");
    /** MS-OXWUMS's operations that place or control a phone call: not served, and not in the WSDL. */
    public static final List<String> TELEPHONY_OPERATIONS = List.of("PlayOnPhone", "PlayOnPhoneGreeting", "GetCallInfo",
            "Disconnect", "PlayOnPhone2", "GetPhoneCallInformation", "DisconnectPhoneCall");

    private Wsdl() {
    }

    /**
     * The operation a request is for: the one CXF dispatched it to; before that (a request CXF
     * refused), the MS-OXWUMS operation its SOAPAction names; ResetPIN, the service's first, when
     * neither tells.
     */
    static String operation(Exchange exchange) {
        BindingOperationInfo dispatched = exchange.getBindingOperationInfo();
        if (dispatched != null) {
            return dispatched.getName().getLocalPart();
        }
        String named = soapActionOperation(exchange.getInMessage());
        return OPERATIONS.contains(named) || TELEPHONY_OPERATIONS.contains(named) ? named : OPERATIONS.get(0);
    }

    /** The last segment of the request's SOAPAction, unquoted; empty when there is none. */
    static String soapActionOperation(Message request) {
        if (request == null || !(request.get(Message.PROTOCOL_HEADERS) instanceof Map<?, ?> headers)) {
            return "";
        }
        for (Map.Entry<?, ?> header : headers.entrySet()) {
            if ("SOAPAction".equalsIgnoreCase(String.valueOf(header.getKey())) && header.getValue() instanceof List<?> values
                    && !values.isEmpty()) {
                String action = String.valueOf(values.get(0)).replace("\"", "").strip();
                return action.substring(action.lastIndexOf('/') + 1);
            }
        }
        return "";
    }
}
