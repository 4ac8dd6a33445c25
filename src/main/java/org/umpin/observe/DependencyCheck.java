package org.umpin.observe;

import java.time.Duration;
import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readiness of something every reset needs (the store, the SMTP relay). The probe runs at
 * most once per {@code cacheTime}, however often the health endpoint is asked, and one at a
 * time: a probe that hangs on a dead server holds up no other caller for longer than it does.
 */
public final class DependencyCheck extends AbstractHealthCheck {

    /** Returns when the dependency works now; throws, with a message an operator can act on, when not. */
    @FunctionalInterface
    public interface Probe {
        void run() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DependencyCheck.class);

    private final Probe probe;
    private final long cacheNanos;
    private boolean probed;
    private long probedAt;
    private String failure;

    public DependencyCheck(String id, Probe probe, Duration cacheTime) {
        super("umpin", id);
        this.probe = probe;
        this.cacheNanos = cacheTime.toNanos();
    }

    @Override
    public boolean isLiveness() {
        // an unreachable store or relay is a reason to take umpin out of service, not to restart it
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String result = probed();
        if (result == null) {
            builder.up();
        } else {
            builder.message(result).down();
        }
    }

    private synchronized String probed() {
        long now = System.nanoTime();
        if (!probed || now - probedAt >= cacheNanos) {
            try {
                probe.run();
                if (failure != null) {
                    LOG.info("Readiness: {} is UP again", getId());
                }
                failure = null;
            } catch (Exception e) {
                if (failure == null) {
                    // the whole cause for the log; the health answer has umpin's words only (no address)
                    LOG.warn("Readiness: {} is DOWN: {}", getId(), e + (e.getCause() == null ? "" : ": " + e.getCause()));
                }
                failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            probed = true;
            probedAt = System.nanoTime();
        }
        return failure;
    }
}
