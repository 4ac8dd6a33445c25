package org.umpin.app;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.MicrometerUtils;
import org.apache.camel.spi.Registry;
import org.umpin.audit.AuditTrail;
import org.umpin.mailbox.Directory;
import org.umpin.observe.Audit;
import org.umpin.observe.ManagementDoor;
import org.umpin.observe.ManagementPort;
import org.umpin.observe.Metrics;
import org.umpin.observe.ScrapeFilter;
import org.umpin.secret.SecretHasher;
import org.umpin.soap.Wsdl;

/**
 * What umpin reports to: the metrics (Micrometer, in the registry Camel's Prometheus support
 * uses), the audit trail and its retention ({@code umpin.audit.retention-days}), and the
 * management port ({@link ManagementPort}, {@code umpin.management.*}).
 */
public final class ObserveConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        UmpinSettings settings = UmpinSettings.of(context);
        Registry registry = context.getRegistry();
        MeterRegistry meters = meterRegistry(registry);
        context.addStartupListener(ScrapeFilter.withoutEndpointNamesOrVersions(meters));
        Metrics metrics = new Metrics(meters, Wsdl.OPERATIONS);
        metrics.countDerivations(Beans.get(context, Beans.HASHER, SecretHasher.class));
        context.getManagementStrategy().addEventNotifier(metrics.smtpSends());
        registry.bind(Beans.METRICS, metrics);
        AuditTrail trail = new AuditTrail(Beans.get(context, Beans.DATA_SOURCE, HikariDataSource.class));
        registry.bind(Beans.AUDIT, new Audit(trail));
        int retentionDays = settings.number("umpin.audit.retention-days", 0, 36_500);
        if (retentionDays > 0) {
            context.addService(new AuditRetention(context, trail, Duration.ofDays(retentionDays), Clock.systemUTC()));
        }
        DirectoryConfiguration.Roles roles = Beans.get(context, Beans.ROLES, DirectoryConfiguration.Roles.class);
        DirectoryConfiguration.Logins logins = Beans.get(context, Beans.LOGINS, DirectoryConfiguration.Logins.class);
        if (Boolean.parseBoolean(settings.text("camel.management.enabled", "false"))) {
            // Camel Main's own server (Vert.x) would compete for the port and skip umpin's login
            throw new IllegalArgumentException("setting camel.management.enabled: umpin serves /observe itself;"
                    + " remove the setting (umpin.management.enabled turns the management port on and off)");
        }
        if (settings.flag("umpin.management.enabled")) {
            HttpDoor.Settings http = HttpDoor.Settings.of(settings);
            ManagementPort.open(context, new ManagementPort.Settings(settings.text("umpin.management.host"),
                    settings.number("umpin.management.port", 1, 65535), settings.text("umpin.management.tls.key-store", ""),
                    settings.text("umpin.management.tls.key-store-password", ""), http.maxHeaderBytes(), http.idleTimeout(),
                    http.hsts()), meters, ManagementDoor.of(new ManagementDoor.Logins(settings.text("umpin.management.username", ""),
                    settings.text("umpin.management.password", ""), settings.flag("umpin.management.administrators"),
                    settings.flag("umpin.management.open-liveness"), http.allowPlainHttp(), http.realm()),
                    Beans.get(context, Beans.DIRECTORY, Directory.class), logins.failed(), logins.verified(), roles.administrators()));
        }
    }

    /**
     * Camel's Prometheus support (camel.metrics.enabled) uses the registry bound as
     * metricsRegistry, or binds a new one there: umpin's meters go to the same one.
     */
    private static MeterRegistry meterRegistry(Registry registry) {
        MeterRegistry meters = MicrometerUtils.getMeterRegistryFromCamelRegistry(registry, MicrometerConstants.METRICS_REGISTRY_NAME);
        if (meters == null) {
            meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            registry.bind(MicrometerConstants.METRICS_REGISTRY_NAME, meters);
        }
        return meters;
    }
}
