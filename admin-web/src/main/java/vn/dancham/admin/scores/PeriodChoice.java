package vn.dancham.admin.scores;

import vn.dancham.scoring.Period;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The periods a page offers, as short codes in the URL: {@code 30d}, {@code 90d}, {@code 365d} (ending today),
 * {@code m2026-10}, {@code q2026-4}, {@code y2026}. Anything else falls back to the default (90 days).
 */
public final class PeriodChoice {

    public static final String DEFAULT = "90d";

    /** A code and its period, for a select box. */
    public record Option(String code, Period period) {
    }

    private PeriodChoice() {
    }

    public static Period parse(String code, LocalDate today) {
        if (code != null) {
            try {
                if (code.equals("30d") || code.equals("90d") || code.equals("365d")) {
                    return Period.rolling(Integer.parseInt(code.substring(0, code.length() - 1)), today);
                }
                if (code.matches("m\\d{4}-\\d{2}")) {
                    return Period.month(YearMonth.parse(code.substring(1)));
                }
                if (code.matches("q\\d{4}-[1-4]")) {
                    return Period.quarter(Integer.parseInt(code.substring(1, 5)), Integer.parseInt(code.substring(6)));
                }
                if (code.matches("y\\d{4}")) {
                    return Period.year(Integer.parseInt(code.substring(1)));
                }
            } catch (RuntimeException e) {
                // an impossible month or year: the default
            }
        }
        return Period.rolling(90, today);
    }

    public static String code(Period period) {
        return switch (period.kind()) {
            case ROLLING_30 -> "30d";
            case ROLLING_90 -> "90d";
            case ROLLING_365 -> "365d";
            case MONTH -> "m" + YearMonth.from(period.from());
            case QUARTER -> "q" + period.from().getYear() + "-" + ((period.from().getMonthValue() - 1) / 3 + 1);
            case YEAR -> "y" + period.from().getYear();
            case WEEK -> DEFAULT;
        };
    }

    public static List<Option> options(LocalDate today) {
        List<Option> options = new ArrayList<>();
        for (String code : List.of("30d", "90d", "365d")) {
            options.add(new Option(code, parse(code, today)));
        }
        YearMonth month = YearMonth.from(today);
        for (int i = 0; i < 12; i++) {
            Period p = Period.month(month.minusMonths(i));
            options.add(new Option(code(p), p));
        }
        int quarter = (today.getMonthValue() - 1) / 3 + 1;
        Period q = Period.quarter(today.getYear(), quarter);
        for (int i = 0; i < 4; i++) {
            options.add(new Option(code(q), q));
            q = q.previous();
        }
        options.add(new Option("y" + today.getYear(), Period.year(today.getYear())));
        options.add(new Option("y" + (today.getYear() - 1), Period.year(today.getYear() - 1)));
        return options;
    }
}
