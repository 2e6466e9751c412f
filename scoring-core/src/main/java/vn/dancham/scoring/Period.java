package vn.dancham.scoring;

import vn.dancham.text.Bundle;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * A window of local days, {@code from} inclusive to {@code to} exclusive: the last 30/90/365 days up to a day, or
 * a calendar week, month, quarter or year.
 *
 * @param label how people write it: "30 ngày đến 20/11/2026" (words from
 *              {@code vn/dancham/scoring/periods.properties}), "2026-11", "2026-Q4", "2026", "2026-W47"; pages write
 *              periods in the reader's language instead ({@code Labels.period} in admin-web)
 */
public record Period(Kind kind, LocalDate from, LocalDate to, String label) {

    private static final Bundle WORDS = Bundle.of("vn.dancham.scoring.periods");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d/M/uuuu");

    public enum Kind { ROLLING_30, ROLLING_90, ROLLING_365, WEEK, MONTH, QUARTER, YEAR }

    public Period {
        if (kind == null || from == null || to == null || !to.isAfter(from)) {
            throw new IllegalArgumentException("A period is at least one day: " + from + " .. " + to);
        }
    }

    /** The {@code days} days ending with {@code lastDay} (inclusive). */
    public static Period rolling(int days, LocalDate lastDay) {
        Kind kind = switch (days) {
            case 30 -> Kind.ROLLING_30;
            case 90 -> Kind.ROLLING_90;
            case 365 -> Kind.ROLLING_365;
            default -> throw new IllegalArgumentException("Rolling windows are 30, 90 or 365 days: " + days);
        };
        return new Period(kind, lastDay.minusDays(days - 1L), lastDay.plusDays(1),
                WORDS.text("rolling", days, DAY.format(lastDay)));
    }

    public static Period week(LocalDate anyDay) {
        LocalDate monday = anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new Period(Kind.WEEK, monday, monday.plusWeeks(1), "%d-W%02d".formatted(
                monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
    }

    public static Period month(YearMonth month) {
        return new Period(Kind.MONTH, month.atDay(1), month.plusMonths(1).atDay(1), month.toString());
    }

    public static Period quarter(int year, int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new IllegalArgumentException("A quarter is 1 to 4: " + quarter);
        }
        LocalDate from = LocalDate.of(year, 3 * quarter - 2, 1);
        return new Period(Kind.QUARTER, from, from.plusMonths(3), year + "-Q" + quarter);
    }

    public static Period year(int year) {
        return new Period(Kind.YEAR, LocalDate.of(year, 1, 1), LocalDate.of(year + 1, 1, 1), Integer.toString(year));
    }

    /** The last day in the period. */
    public LocalDate lastDay() {
        return to.minusDays(1);
    }

    /** The period of the same length just before this one (the previous month, quarter, ... or 30 days). */
    public Period previous() {
        return switch (kind) {
            case ROLLING_30 -> rolling(30, from.minusDays(1));
            case ROLLING_90 -> rolling(90, from.minusDays(1));
            case ROLLING_365 -> rolling(365, from.minusDays(1));
            case WEEK -> week(from.minusDays(1));
            case MONTH -> month(YearMonth.from(from).minusMonths(1));
            case QUARTER -> from.getMonthValue() == 1 ? quarter(from.getYear() - 1, 4)
                    : quarter(from.getYear(), (from.getMonthValue() - 1) / 3);
            case YEAR -> year(from.getYear() - 1);
        };
    }
}
