package vn.dancham.admin.imports;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class CellsTest {

    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    @Test
    void readsVietnameseAndIsoDatesInTheProvincesZone() {
        Instant expected = Instant.parse("2026-03-01T01:30:00Z");
        assertThat(Cells.parseInstant("2026-03-01 08:30", VN)).isEqualTo(expected);
        assertThat(Cells.parseInstant("01/03/2026 08:30", VN)).isEqualTo(expected);
        assertThat(Cells.parseInstant("1/3/2026 8:30", VN)).isEqualTo(expected);
        assertThat(Cells.parseInstant("2026-03-01T08:30:00+07:00", VN)).isEqualTo(expected);
        assertThat(Cells.parseInstant("2026-03-01T01:30:00Z", VN)).isEqualTo(expected);
        assertThat(Cells.parseInstant("01/03/2026", VN)).isEqualTo(Instant.parse("2026-02-28T17:00:00Z"));
        assertThat(Cells.parseInstant("31/02/2026", VN)).isNull();
        assertThat(Cells.parseInstant("yesterday", VN)).isNull();
    }
}
