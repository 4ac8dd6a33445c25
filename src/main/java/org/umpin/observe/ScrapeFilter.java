package org.umpin.observe;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.StartupListener;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifierNamingStrategy;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.EventNotifier;

/** What the scrape of {@code /observe/metrics} leaves out of Camel's and the JVM's own meters. */
public final class ScrapeFilter {

    private ScrapeFilter() {
    }

    /**
     * What the scrape must not show to whoever reads the management port: endpoint URIs (the
     * relay's host and port, any host a customised route names) are reduced to their component's
     * name ({@code smtp}), and the meters whose only content is versions (the JVM's exact build,
     * Camel's) are removed. Camel Main registers them before umpin's configuration runs, so this
     * happens as the context starts, before any request.
     */
    public static StartupListener withoutEndpointNamesOrVersions(MeterRegistry registry) {
        return (context, alreadyStarted) -> {
            for (EventNotifier notifier : context.getManagementStrategy().getEventNotifiers()) {
                if (notifier instanceof MicrometerExchangeEventNotifier exchanges) {
                    exchanges.setNamingStrategy(new ComponentOnly(exchanges.getNamingStrategy()));
                }
            }
            registry.getMeters().stream().filter(meter -> VERSION_METERS.contains(meter.getId().getName())).toList()
                    .forEach(registry::remove);
        };
    }

    private static final List<String> VERSION_METERS = List.of("jvm.info", "app.info");

    /** Camel's names and tags for its exchange meters, with the endpoint named by its component only. */
    private record ComponentOnly(MicrometerExchangeEventNotifierNamingStrategy names)
            implements MicrometerExchangeEventNotifierNamingStrategy {

        @Override
        public String getName(org.apache.camel.Exchange exchange, Endpoint endpoint) {
            return names.getName(exchange, endpoint);
        }

        @Override
        public boolean isBaseEndpointURI() {
            return names.isBaseEndpointURI();
        }

        @Override
        public String formatName(String name) {
            return names.formatName(name);
        }

        @Override
        public String getInflightExchangesName() {
            return names.getInflightExchangesName();
        }

        @Override
        public Tags getInflightExchangesTags(CamelContext context, String routeId) {
            return names.getInflightExchangesTags(context, routeId);
        }

        @Override
        public Tags getTags(CamelEvent.ExchangeEvent event, Endpoint endpoint) {
            return Tags.of(names.getTags(event, endpoint).stream().map(tag -> "endpointName".equals(tag.getKey())
                    ? Tag.of(tag.getKey(), tag.getValue().split(":", 2)[0]) : tag).toList());
        }
    }
}
