package org.umpin.camel;

import javax.xml.namespace.QName;

/** Names from the UM legacy web service's WSDL and the EWS schemas. */
public final class Wsdl {

    public static final String MESSAGES_NS = "http://schemas.microsoft.com/exchange/services/2006/messages";
    public static final String TYPES_NS = "http://schemas.microsoft.com/exchange/services/2006/types";
    public static final String ERRORS_NS = "http://schemas.microsoft.com/exchange/services/2006/errors";

    public static final String LOCATION = "wsdl/UM2007Legacy.wsdl";
    public static final QName SERVICE = new QName(MESSAGES_NS, "UM2007Legacy");
    public static final QName PORT = new QName(MESSAGES_NS, "UM2007LegacySoap");
    public static final String PATH = "/EWS/UM2007Legacy.asmx";

    private Wsdl() {
    }
}
