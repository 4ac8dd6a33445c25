package org.umpin.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.umpin.testing.ScriptedSmtpServer;
import org.umpin.testing.SoapClient;
import org.umpin.testing.SoapFault;
import org.umpin.testing.TelephonyClient;
import org.umpin.testing.UmpinServer;

/**
 * umpin.soap.address as a relative path: an application serves ResetPIN through its own
 * servlet container's CXF servlet (here Jetty with CXFNonSpringServlet under /services/*),
 * not through a Jetty server of CXF's.
 */
class ServletAddressTest {

    @Test
    void servedUnderTheContainersCxfServlet() throws Exception {
        Bus bus = BusFactory.newInstance().createBus();
        int port = UmpinServer.freePort();
        try (ScriptedSmtpServer smtp = ScriptedSmtpServer.start()) {
            CamelContext context = new DefaultCamelContext();
            context.getRegistry().bind("cxf", bus);
            Properties settings = new Properties();
            settings.putAll(UmpinServer.testSettings(smtp.port()));
            settings.put("umpin.soap.address", "/EWS/UM2007Legacy.asmx");
            settings.put("umpin.mail.templates", "classpath:umpin/templates");
            context.getPropertiesComponent().setOverrideProperties(settings);
            UmpinConfiguration.addTo(context);
            context.start();

            Server container = new Server(new InetSocketAddress("127.0.0.1", port));
            ServletContextHandler web = new ServletContextHandler();
            web.setContextPath("/");
            CXFNonSpringServlet cxf = new CXFNonSpringServlet();
            cxf.setBus(bus);
            web.addServlet(new ServletHolder(cxf), "/services/*");
            container.setHandler(web);
            container.start();
            try {
                SoapClient client = new SoapClient(URI.create("http://127.0.0.1:" + port + "/services/EWS/UM2007Legacy.asmx"));
                assertEquals(401, client.resetPin("alice", "wrong").statusCode(), "umpin's authentication, under the container too");
                HttpResponse<String> response = client.resetPin("CONTOSO\\alice", "demo");
                assertEquals(200, response.statusCode(), response.body());
                assertEquals(1, smtp.accepted().size());
                SoapFault.expect(client.post("<not-xml", "alice", "demo", java.util.Map.of()), "ErrorInvalidRequest");
                assertTrue(client.get("?wsdl").body().contains("/services/EWS/UM2007Legacy.asmx"),
                        "the WSDL names the address it was fetched from");
                TelephonyClient ivr = new TelephonyClient(URI.create("http://127.0.0.1:" + port + "/services/pin/v1/"), "ivr", "demo");
                TelephonyClient.Answer logon = ivr.logon("36697", "000000");
                assertEquals("wrong", logon.text("result"), "the telephony API under the container's CXF servlet too: " + logon.body());
            } finally {
                container.stop();
                context.stop();
                bus.shutdown(true);
            }
        }
    }
}
