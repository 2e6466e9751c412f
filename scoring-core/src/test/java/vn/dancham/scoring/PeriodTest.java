package vn.dancham.scoring;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeriodTest {

    @Test
    void rollingWindowsEndWithTheGivenDay() {
        Period p = Period.rolling(30, LocalDate.of(2026, 11, 20));
        assertThat(p.from()).isEqualTo(LocalDate.of(2026, 10, 22));
        assertThat(p.lastDay()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(p.label()).isEqualTo("30 ngày đến 20/11/2026");
        // Day and month as people write them, without a leading zero (the label goes into stored texts).
        assertThat(Period.rolling(90, LocalDate.of(2026, 2, 1)).label()).isEqualTo("90 ngày đến 1/2/2026");
        assertThat(Period.rolling(365, LocalDate.of(2026, 12, 31)).label()).isEqualTo("365 ngày đến 31/12/2026");
        assertThat(p.previous().lastDay()).isEqualTo(LocalDate.of(2026, 10, 21));
        assertThatThrownBy(() -> Period.rolling(7, LocalDate.now())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void calendarPeriodsAndTheirPredecessors() {
        assertThat(Period.week(LocalDate.of(2026, 11, 20)).from()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(Period.week(LocalDate.of(2026, 11, 20)).label()).isEqualTo("2026-W47");
        assertThat(Period.month(YearMonth.of(2026, 1)).previous()).isEqualTo(Period.month(YearMonth.of(2025, 12)));
        assertThat(Period.quarter(2026, 1).previous()).isEqualTo(Period.quarter(2025, 4));
        assertThat(Period.quarter(2026, 4).previous()).isEqualTo(Period.quarter(2026, 3));
        assertThat(Period.quarter(2026, 4).to()).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(Period.year(2026).previous().label()).isEqualTo("2025");
    }
}
