package vn.dancham.admin.imports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads one row's cells, collecting a problem per bad cell instead of stopping at the first. */
final class Cells {

    private static final List<DateTimeFormatter> LOCAL_DATE_TIMES = List.of(
            strict("uuuu-MM-dd HH:mm[:ss]"), strict("uuuu-MM-dd'T'HH:mm[:ss]"), strict("d/M/uuuu H:mm[:ss]"));
    private static final List<DateTimeFormatter> LOCAL_DATES = List.of(
            strict("uuuu-MM-dd"), strict("d/M/uuuu"));
    private static final Set<String> TRUE = Set.of("true", "1", "yes", "y", "x", "có", "co");
    private static final Set<String> FALSE = Set.of("false", "0", "no", "n", "không", "khong");

    /** Strict: 31/02 is an error, not 3 March. */
    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(java.time.format.ResolverStyle.STRICT);
    }

    private final CsvParser.Row row;
    private final ZoneId zone;
    private final List<ImportProblem> problems = new ArrayList<>();

    Cells(CsvParser.Row row, ZoneId zone) {
        this.row = row;
        this.zone = zone;
    }

    List<ImportProblem> problems() {
        return problems;
    }

    boolean ok() {
        return problems.isEmpty();
    }

    void problem(String column, String vi, String en) {
        problems.add(new ImportProblem(row.number(), column, vi, en));
    }

    String required(String column, int maxLength) {
        String value = row.get(column);
        if (value == null) {
            problem(column, "Bắt buộc, đang để trống", "Required, but empty");
            return null;
        }
        return checkLength(column, value, maxLength);
    }

    String optional(String column, int maxLength) {
        String value = row.get(column);
        return value == null ? null : checkLength(column, value, maxLength);
    }

    private String checkLength(String column, String value, int maxLength) {
        if (value.length() > maxLength) {
            problem(column, "Dài quá " + maxLength + " ký tự", "Longer than " + maxLength + " characters");
            return null;
        }
        return value;
    }

    String matching(String column, String regex, boolean required, String whatVi, String whatEn) {
        String value = required ? required(column, 200) : optional(column, 200);
        if (value != null && !value.matches(regex)) {
            problem(column, "Không hợp lệ: cần " + whatVi, "Not valid: expected " + whatEn);
            return null;
        }
        return value;
    }

    Integer integer(String column, int min, int max) {
        String value = required(column, 20);
        if (value == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                problem(column, "Phải từ " + min + " đến " + max, "Must be between " + min + " and " + max);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(column, "Không phải số nguyên", "Not a whole number");
            return null;
        }
    }

    boolean bool(String column, boolean defaultValue) {
        String value = row.get(column);
        if (value == null) {
            return defaultValue;
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (TRUE.contains(v)) {
            return true;
        }
        if (FALSE.contains(v)) {
            return false;
        }
        problem(column, "Cần true/false (hoặc có/không)", "Expected true/false (or yes/no)");
        return defaultValue;
    }

    <E extends Enum<E>> E enumeration(String column, Class<E> type) {
        String value = required(column, 50);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
            problem(column, "Giá trị không hợp lệ; cho phép: " + allowed, "Unknown value; allowed: " + allowed);
            return null;
        }
    }

    /**
     * A point in time: ISO-8601 with an offset, or a local date-time / date (yyyy-MM-dd, dd/MM/yyyy) read in the
     * province's time zone.
     */
    Instant instant(String column, boolean required) {
        String value = required ? required(column, 40) : optional(column, 40);
        if (value == null) {
            return null;
        }
        Instant parsed = parseInstant(value, zone);
        if (parsed == null) {
            problem(column, "Ngày giờ không hợp lệ (vd. 2026-03-01 08:30 hoặc 01/03/2026 08:30)",
                    "Not a valid date/time (e.g. 2026-03-01 08:30 or 01/03/2026 08:30)");
        }
        return parsed;
    }

    static Instant parseInstant(String value, ZoneId zone) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // try the local forms
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException ignored) {
            // try the local forms
        }
        for (DateTimeFormatter f : LOCAL_DATE_TIMES) {
            try {
                return LocalDateTime.parse(value, f).atZone(zone).toInstant();
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        for (DateTimeFormatter f : LOCAL_DATES) {
            try {
                return LocalDate.parse(value, f).atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException ignored) {
                // next form
            }
        }
        return null;
    }
}
