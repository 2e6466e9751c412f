package vn.dancham.admin.web;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates, times and numbers as people in Vietnam write them (dd/MM/yyyy, 1.234,5), in the configured zone.
 * Templates call it as {@code ${@fmt.dateTime(x)}}.
 */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final WebProperties properties;

    public Formats(WebProperties properties) {
        this.properties = properties;
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(properties.zone()));
    }

    public String dateTime(OffsetDateTime time) {
        return time == null ? "" : dateTime(time.toInstant());
    }

    public String date(Instant instant) {
        return instant == null ? "" : DATE.format(instant.atZone(properties.zone()));
    }

    public String date(LocalDate date) {
        return date == null ? "" : DATE.format(date);
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(properties.zone()));
    }

    /** A number with the locale's separators and the given number of decimals. */
    public String number(Number value, int decimals) {
        if (value == null) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale());
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        return format.format(value instanceof BigDecimal bd ? bd : value.doubleValue());
    }

    public String number(Number value) {
        return number(value, 0);
    }

    /** A share 0..1 as a percentage, e.g. 0.875 → "87,5 %". */
    public String percent(Number share) {
        return share == null ? "–" : number(share.doubleValue() * 100, 1) + " %";
    }

    /** Days, with one decimal, from hours or a duration in seconds. */
    public String days(double days) {
        return number(days, 1);
    }

    private static Locale locale() {
        Locale locale = LocaleContextHolder.getLocale();
        return "en".equals(locale.getLanguage()) ? Locale.UK : Locale.forLanguageTag("vi-VN");
    }
}
