package vn.dancham.admin.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dancham.metrics.*}: who may scrape {@code /actuator/prometheus}.
 *
 * @param scrapeUser     the HTTP Basic user name Prometheus presents (default {@code prometheus})
 * @param scrapePassword its password, from the environment only ({@code DANCHAM_METRICS_SCRAPE_PASSWORD}); unset
 *                       (the default) refuses every scrape, so metrics are never public by accident
 */
@ConfigurationProperties("dancham.metrics")
public record MetricsProperties(@DefaultValue("prometheus") String scrapeUser, String scrapePassword) {

    public boolean scrapingEnabled() {
        return scrapePassword != null && !scrapePassword.isBlank();
    }
}
