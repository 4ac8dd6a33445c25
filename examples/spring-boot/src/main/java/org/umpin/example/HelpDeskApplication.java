package org.umpin.example;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.umpin.app.UmpinConfiguration;

/**
 * A help-desk integration of its own that also serves ResetPIN: umpin's beans and routes in
 * this application's CamelContext, configured from its application.properties.
 * umpin opens its own store and migrates it, so Spring's DataSource and Flyway stay out.
 */
@SpringBootApplication(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
public class HelpDeskApplication {

    public static void main(String[] args) {
        SpringApplication.run(HelpDeskApplication.class, args);
    }

    /** The one step: umpin in this CamelContext, before it starts. */
    @Bean
    CamelContextConfiguration umpin() {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                try {
                    UmpinConfiguration.addTo(context);
                } catch (Exception e) {
                    throw new IllegalStateException("umpin could not be added: " + e.getMessage(), e);
                }
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
            }
        };
    }

    /** The application's own work, beside ResetPIN. */
    @Bean
    RouteBuilder ticketRoute() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:ticket").routeId("ticket").setBody(simple("ticket for ${body}"));
            }
        };
    }
}
