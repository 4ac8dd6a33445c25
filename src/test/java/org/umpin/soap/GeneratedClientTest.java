package org.umpin.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.Map;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.umpin.generated.UM2007LegacySoap;
import org.umpin.generated.UMProperties;
import org.umpin.testing.PinMail;
import org.umpin.testing.UmpinServer;

/**
 * A client generated from the WSDL umpin serves (CXF's wsdl2java, run by the test build:
 * cxf-codegen-plugin in pom.xml, into org.umpin.generated), as a client's developer would make
 * one: it calls every operation and reads every answer, and a fault arrives as a SOAP fault.
 */
class GeneratedClientTest {

    @RegisterExtension
    static final com.icegreen.greenmail.junit5.GreenMailExtension SMTP = new com.icegreen.greenmail.junit5.GreenMailExtension(
            com.icegreen.greenmail.util.ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);
    private static UmpinServer umpin;

    @BeforeAll
    static void start() throws Exception {
        umpin = UmpinServer.start(SMTP.getSmtp().getPort(),
                Map.of("umpin.policy.default.telephone-access-numbers", VoiceMailSettingsTest.ACCESS_NUMBERS));
    }

    @AfterAll
    static void stop() {
        umpin.close();
    }

    private static UM2007LegacySoap client(String login) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(UM2007LegacySoap.class);
        factory.setAddress(umpin.endpoint().toString());
        factory.setUsername(login);
        factory.setPassword("demo");
        return factory.create(UM2007LegacySoap.class);
    }

    @Test
    void everyOperationIsCalledAndEveryAnswerRead() throws Exception {
        UM2007LegacySoap alice = client("alice");

        assertTrue(alice.isUMEnabled());
        UMProperties defaults = alice.getUMProperties();
        assertFalse(defaults.isOofStatus());
        assertTrue(defaults.isMissedCallNotificationEnabled());
        assertEquals("", defaults.getPlayOnPhoneDialString());
        assertEquals(VoiceMailSettingsTest.ACCESS_NUMBERS, defaults.getTelephoneAccessNumbers());
        assertEquals("", defaults.getTelephoneAccessFolderEmail());

        alice.setOofStatus(true);
        alice.setMissedCallNotificationEnabled(false);
        alice.setPlayOnPhoneDialString("+1 425 555 0123");
        alice.setTelephoneAccessFolderEmail("AAMkAGI2TG93AAA=");
        UMProperties changed = alice.getUMProperties();
        assertTrue(changed.isOofStatus());
        assertFalse(changed.isMissedCallNotificationEnabled());
        assertEquals("+1 425 555 0123", changed.getPlayOnPhoneDialString());
        assertEquals("AAMkAGI2TG93AAA=", changed.getTelephoneAccessFolderEmail());

        alice.resetPIN();
        assertTrue(SMTP.waitForIncomingEmail(10_000, 1));
        String pin = PinMail.of(SMTP.getReceivedMessages()[0]).pin();
        assertTrue(umpin.isCurrentPin("alice", pin), "the generated client's reset mailed a working PIN");
        assertFalse(client("bob").isUMEnabled());
    }

    @Test
    void faultsArriveAsSoapFaults() {
        SOAPFaultException invalid = assertThrows(SOAPFaultException.class, () -> client("alice").setPlayOnPhoneDialString("call me"));
        assertEquals("ErrorInvalidRequest", invalid.getFault().getFaultCodeAsQName().getLocalPart());
        SOAPFaultException notEnabled = assertThrows(SOAPFaultException.class, () -> client("bob").getUMProperties());
        assertEquals("UserNotUmEnabledException", notEnabled.getFault().getFaultCodeAsQName().getLocalPart());
    }
}
