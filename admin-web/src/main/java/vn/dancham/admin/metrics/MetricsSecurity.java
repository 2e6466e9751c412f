package vn.dancham.admin.metrics;

import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /actuator/prometheus} for the operators' Prometheus: HTTP Basic with one scrape user whose password comes
 * from the environment (Prometheus' {@code basic_auth}), no session, no CSRF, nothing else reachable with it. The
 * web users' accounts never work here and the scrape user never works on a page. Without a configured password
 * every scrape is refused (401), so a forgotten setting cannot publish the hotline's figures.
 */
@Configuration
@EnableConfigurationProperties(MetricsProperties.class)
class MetricsSecurity {

    static final String SCRAPER_ROLE = "METRICS_SCRAPER";

    @Bean
    @Order(0)
    SecurityFilterChain metricsChain(HttpSecurity http, MetricsProperties properties, PasswordEncoder encoder)
            throws Exception {
        InMemoryUserDetailsManager scrapers = new InMemoryUserDetailsManager();
        if (properties.scrapingEnabled()) {
            scrapers.createUser(User.withUsername(properties.scrapeUser())
                    .password(encoder.encode(properties.scrapePassword())).roles(SCRAPER_ROLE).build());
        } else {
            LoggerFactory.getLogger(MetricsSecurity.class).info("/actuator/prometheus refuses every scrape: set "
                    + "DANCHAM_METRICS_SCRAPE_PASSWORD (user {}) to let Prometheus in", properties.scrapeUser());
        }
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(scrapers);
        provider.setPasswordEncoder(encoder);
        http.securityMatcher("/actuator/prometheus")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authenticationManager(new ProviderManager(provider))
                .httpBasic(basic -> basic.realmName("Dan Cham metrics"))
                .authorizeHttpRequests(r -> r.anyRequest().hasRole(SCRAPER_ROLE));
        return http.build();
    }
}
