package vn.dancham.db;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DatabasePropertiesTest {

    @Test
    void serverSettingsBindWithDottedNamesAndDefaultToNone() {
        DatabaseProperties none = bind(Map.of());
        assertThat(none.serverSettings()).isEmpty();
        assertThat(none.dataDirectory()).isEqualTo(Path.of("data/postgres"));

        DatabaseProperties some = bind(Map.of(
                "dancham.db.server-settings.shared_preload_libraries", "pg_stat_statements",
                "dancham.db.server-settings[pg_stat_statements.track]", "all"));
        assertThat(some.serverSettings()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "shared_preload_libraries", "pg_stat_statements", "pg_stat_statements.track", "all"));
    }

    private static DatabaseProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("dancham.db", DatabaseProperties.class);
    }
}
