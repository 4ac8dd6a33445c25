package org.umpin.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For one test: a {@link ScriptedSmtpServer} and the umpin instances the test starts against
 * it, all stopped after the test. Registered on an instance field, so each test has its own:
 * {@code @RegisterExtension final ScriptedUmpins umpins = new ScriptedUmpins();}
 */
public final class ScriptedUmpins implements AfterEachCallback {

    private final ScriptedSmtpServer smtp;
    private final List<UmpinServer> started = new CopyOnWriteArrayList<>();

    public ScriptedUmpins() {
        try {
            smtp = ScriptedSmtpServer.start();
        } catch (Exception e) {
            throw new IllegalStateException("the scripted SMTP server did not start", e);
        }
    }

    public ScriptedSmtpServer smtp() {
        return smtp;
    }

    /** Starts umpin mailing to {@link #smtp()}, with the test defaults and {@code settings} over them. */
    public UmpinServer start(Map<String, String> settings) throws Exception {
        return start(settings, Map.of());
    }

    /** ... with {@code beans} in its registry first ({@code umpinClock}: a clock the test moves). */
    public UmpinServer start(Map<String, String> settings, Map<String, Object> beans) throws Exception {
        UmpinServer umpin = UmpinServer.start(smtp.port(), settings, beans);
        started.add(umpin);
        return umpin;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        started.forEach(UmpinServer::close);
        smtp.close();
    }
}
