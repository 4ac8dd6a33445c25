package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.umpin.pin.PinStore;

/** All or nothing: when the SMTP server does not take the e-mail, the caller gets a fault and the old PIN stays. */
class MailFailureTest {

    @Test
    void smtpDownLeavesTheOldPinInPlace() throws Exception {
        int smtpPort = UmpinServer.freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (UmpinServer umpin = UmpinServer.start(smtpPort, Map.of("umpin.mail.timeout-ms", "2000"))) {
            assertEquals(200, umpin.resetPin("alice", "demo").statusCode());
            String oldPin = PinMail.of(smtp.getReceivedMessages()[0]).pin();
            PinStore.PinState before = umpin.pinState("alice").orElseThrow();
            smtp.stop();

            HttpResponse<String> response = umpin.resetPin("alice", "demo");

            SoapFault.expectException(response, "ResetPINException");
            assertFalse(response.body().contains("127.0.0.1") || response.body().contains(Integer.toString(smtpPort)),
                    "the fault names no host or port: " + response.body());
            assertEquals(before, umpin.pinState("alice").orElseThrow(), "the PIN state is exactly as it was");
            assertTrue(umpin.isCurrentPin("alice", oldPin), "the old PIN still verifies");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void smtpDownOnTheFirstResetStoresNoPin() throws Exception {
        try (UmpinServer umpin = UmpinServer.start(UmpinServer.freePort(), Map.of("umpin.mail.timeout-ms", "2000"))) {
            HttpResponse<String> response = umpin.resetPin("dominique", "demo");

            SoapFault.expectException(response, "ResetPINException");
            assertTrue(umpin.pinState("dominique").isEmpty());
        }
    }
}
