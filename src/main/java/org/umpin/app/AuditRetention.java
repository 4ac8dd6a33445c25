package org.umpin.app;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.umpin.audit.AuditTrail;

/** Deletes audit records older than {@code umpin.audit.retention-days}: at start, then once a day. */
final class AuditRetention extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(AuditRetention.class);

    private final CamelContext context;
    private final AuditTrail trail;
    private final Duration retention;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    AuditRetention(CamelContext context, AuditTrail trail, Duration retention, Clock clock) {
        this.context = context;
        this.trail = trail;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    protected void doStart() {
        // the first run before serving, so that a start leaves no expired record behind
        deleteExpired();
        scheduler = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "umpin-audit-retention");
        scheduler.scheduleWithFixedDelay(this::deleteExpired, 1, 1, TimeUnit.DAYS);
    }

    @Override
    protected void doStop() {
        if (scheduler != null) {
            context.getExecutorServiceManager().shutdownNow(scheduler);
        }
    }

    private void deleteExpired() {
        try {
            int deleted = trail.deleteBefore(clock.instant().minus(retention));
            if (deleted > 0) {
                LOG.info("Deleted {} audit records older than {} days", deleted, retention.toDays());
            }
        } catch (RuntimeException e) {
            // tried again tomorrow; the records are only kept longer meanwhile
            LOG.warn("Old audit records could not be deleted: {}", e.toString());
        }
    }
}
