package org.umpin.testing;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** One GreenMail SMTP server and one umpin sending to it, for a whole test class; each test starts with no mail. */
public final class UmpinExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);
    private UmpinServer server;

    public UmpinServer server() {
        return server;
    }

    public GreenMailExtension smtp() {
        return smtp;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        smtp.beforeAll(context);
        server = UmpinServer.start(smtp.getSmtp().getPort());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        smtp.purgeEmailFromAllMailboxes();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
        smtp.afterAll(context);
    }
}
