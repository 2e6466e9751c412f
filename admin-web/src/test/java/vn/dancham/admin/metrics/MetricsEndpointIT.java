package vn.dancham.admin.metrics;

import org.junit.jupiter.api.Test;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.PrometheusScrape;
import vn.dancham.admin.support.WebIT;

import static org.assertj.core.api.Assertions.assertThat;

/** Only the scrape user reads /actuator/prometheus: not anonymous callers, not web users, not a wrong password. */
class MetricsEndpointIT extends WebIT {

    @Test
    void onlyTheScrapeUserReadsTheMetrics() {
        String admin = userWith(Role.ADMIN).getUsername();
        assertThat(PrometheusScrape.of(port, null, null).status()).isEqualTo(401);
        assertThat(PrometheusScrape.of(port, PrometheusScrape.USER, "wrong").status()).isEqualTo(401);
        assertThat(PrometheusScrape.of(port, admin, PASSWORD).status()).isEqualTo(401);

        PrometheusScrape scrape = PrometheusScrape.of(port);
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.has("dancham_calls_in_progress")).isTrue();
        assertThat(scrape.has("dancham_sms_outbox_messages")).isTrue();
        assertThat(scrape.has("jvm_memory_used_bytes")).isTrue();
    }
}
