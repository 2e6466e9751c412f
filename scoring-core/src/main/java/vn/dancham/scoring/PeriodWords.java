package vn.dancham.scoring;

import vn.dancham.text.StoredText;

import java.time.format.DateTimeFormatter;

/**
 * A period as people say it, as a message code and arguments ({@code label.period.*} in the web's bundles): "tháng
 * 11/2026", "quý 4/2026", "30 ngày đến 20/11/2026". One place for what the words say about a period, used by the
 * pages and by what is stored for them (a concern's period).
 */
public final class PeriodWords {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private PeriodWords() {
    }

    public static StoredText of(Period period) {
        var from = period.from();
        return switch (period.kind()) {
            case ROLLING_30, ROLLING_90, ROLLING_365 -> StoredText.of("label.period.rolling",
                    period.to().toEpochDay() - from.toEpochDay(), DAY.format(period.lastDay()));
            case WEEK -> StoredText.of("label.period.week", DAY.format(from), DAY.format(period.lastDay()));
            case MONTH -> StoredText.of("label.period.month", from.getMonthValue(), from.getYear());
            case QUARTER -> StoredText.of("label.period.quarter", (from.getMonthValue() - 1) / 3 + 1, from.getYear());
            case YEAR -> StoredText.of("label.period.year", from.getYear());
        };
    }
}
