package vn.dancham.ivr.agi;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import vn.dancham.ivr.hotline.HotlineDatabaseScope;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hotline's pool: the application's database and credentials, the hotline's time limits; chosen by scope. */
class HotlineDataSourceTest {

    static IvrProperties properties(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("dancham.ivr", IvrProperties.class);
    }

    @Test
    void theHotlinePoolHasTheApplicationsDatabaseAndTheHotlinesLimits() {
        try (HikariDataSource main = new HikariDataSource()) {
            main.setPoolName("app");
            main.setJdbcUrl("jdbc:postgresql://db.example:5432/dancham");
            main.setUsername("dancham");
            main.setPassword("secret");
            main.addDataSourceProperty("sslmode", "require");
            HikariConfig c = HotlineDataSource.hotlineConfig(main, properties(Map.of(
                    "dancham.ivr.database-statement-timeout", "1500ms", "dancham.ivr.database-pool-size", "4")));

            assertThat(c.getJdbcUrl()).isEqualTo(main.getJdbcUrl());
            assertThat(c.getUsername()).isEqualTo("dancham");
            assertThat(c.getPassword()).isEqualTo("secret");
            assertThat(c.getPoolName()).isEqualTo("app-hotline");
            assertThat(c.getMaximumPoolSize()).isEqualTo(4);
            assertThat(c.getConnectionTimeout()).isEqualTo(3000);
            assertThat(c.getDataSourceProperties()).containsEntry("sslmode", "require")
                    .containsEntry("socketTimeout", "3").containsEntry("connectTimeout", "2")
                    .containsEntry("loginTimeout", "2").containsEntry("prepareThreshold", "1")
                    .containsEntry("options", "-c statement_timeout=1500 -c lock_timeout=1000");
            assertThat(main.getDataSourceProperties()).as("the application's pool is left as it was")
                    .doesNotContainKey("socketTimeout").doesNotContainKey("options");
        }
    }

    @Test
    void onlyTheHotlinesWorkTakesTheHotlinePool() {
        try (HikariDataSource main = new HikariDataSource(); HikariDataSource hotline = new HikariDataSource()) {
            HotlineDataSource routing = new HotlineDataSource(main, hotline);
            assertThat(routing.determineCurrentLookupKey()).isNull();
            assertThat(HotlineDatabaseScope.call(routing::determineCurrentLookupKey)).isEqualTo("hotline");
            assertThat(routing.determineCurrentLookupKey()).as("the scope ends with the work").isNull();
        }
    }
}
