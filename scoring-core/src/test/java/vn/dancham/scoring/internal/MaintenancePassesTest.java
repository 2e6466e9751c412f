package vn.dancham.scoring.internal;

import org.junit.jupiter.api.Test;
import vn.dancham.scoring.Period;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stale periods taken whole are read in passes, each within {@link Maintenance#PERIODS_TOGETHER} of its first; the
 * five-minute refresh leaves points resting on more than {@link Maintenance#LARGE} answers to the night.
 */
class MaintenancePassesTest {

    static Period week(String monday) {
        return Period.week(LocalDate.parse(monday));
    }

    @Test
    void periodsFarApartAreNotReadInOnePass() {
        // Weeks 1 and 13 after the first fit one pass of 13 weeks; week 13 after does not.
        Period first = week("2026-01-05");
        Period twelveLater = week("2026-03-30");
        Period thirteenLater = week("2026-04-06");
        Period yearLater = week("2027-01-04");
        assertThat(Maintenance.passes(List.of(first, twelveLater, thirteenLater, yearLater)))
                .containsExactly(List.of(first, twelveLater), List.of(thirteenLater), List.of(yearLater));
    }

    @Test
    void monthsAreCountedInMonths() {
        List<Period> months = List.of(Period.month(YearMonth.of(2025, 12)), Period.month(YearMonth.of(2026, 12)),
                Period.month(YearMonth.of(2027, 1)));
        assertThat(Maintenance.passes(months)).containsExactly(months.subList(0, 2), months.subList(2, 3));
        assertThat(Maintenance.passes(List.of())).isEmpty();
    }

    @Test
    void onlyPointsOnMoreThanTenThousandAnswersWaitForTheNight() {
        // An office, a district or an officer holds at most 1,745 answers a month at 10 M ratings; a province 849,333.
        assertThat(Maintenance.waitsForTheNight(1_745)).isFalse();
        assertThat(Maintenance.waitsForTheNight(Maintenance.LARGE)).isFalse();
        assertThat(Maintenance.waitsForTheNight(Maintenance.LARGE + 1)).isTrue();
        assertThat(Maintenance.waitsForTheNight(849_333)).isTrue();
    }
}
