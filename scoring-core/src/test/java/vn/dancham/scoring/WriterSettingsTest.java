package vn.dancham.scoring;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rating writer's settings (issue 16): bound as Spring binds them, defaults documented, nonsense refused. */
class WriterSettingsTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        ScoringProperties.Writer writer = ScoringProperties.defaults().writer();
        assertThat(writer.batchSize()).isEqualTo(500);
        assertThat(writer.poll()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anOperatorSetsBothInTheirUsualForms() {
        ScoringProperties.Writer writer = ScoringProperties.with(Map.of("writer.batch-size", "2000",
                "writer.poll", "250ms")).writer();
        assertThat(writer.batchSize()).isEqualTo(2000);
        assertThat(writer.poll()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void aBatchSizeOrPollOutOfRangeStopsTheStartWithTheKeyNamed() {
        for (Map<String, String> bad : java.util.List.of(Map.of("writer.batch-size", "0"),
                Map.of("writer.batch-size", "-5"), Map.of("writer.batch-size", "2001"),
                Map.of("writer.poll", "0s"), Map.of("writer.poll", "5ms"), Map.of("writer.poll", "1h"))) {
            assertThatThrownBy(() -> ScoringProperties.with(bad)).as(bad.toString())
                    .hasStackTraceContaining("dancham.scoring." + bad.keySet().iterator().next());
        }
    }
}
