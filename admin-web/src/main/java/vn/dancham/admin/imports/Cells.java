package vn.dancham.admin.imports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.context.support.DefaultMessageSourceResolvable;

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

    /** A problem with this row: {@code imports.problem.<what>} of the bundles, with its arguments. */
    void problem(String column, String what, Object... args) {
        problems.add(new ImportProblem(row.number(), column, "imports.problem." + what, List.of(args)));
    }

    /** A problem the scoring core found, rendered from its own family of keys ({@code dossier.problem.*}). */
    void problemWithKey(String column, String key, List<Object> args) {
        problems.add(new ImportProblem(row.number(), column, key, args));
    }

    /** A phrase of the bundles ({@code imports.expect.<what>}) given as an argument, in the reader's language. */
    static DefaultMessageSourceResolvable expected(String what) {
        return new DefaultMessageSourceResolvable("imports.expect." + what);
    }

    String required(String column, int maxLength) {
        String value = row.get(column);
        if (value == null) {
            problem(column, "required");
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
            problem(column, "tooLong", maxLength);
            return null;
        }
        return value;
    }

    /** A value matching {@code regex}; {@code expected} names the form in {@code imports.expect.*}. */
    String matching(String column, String regex, boolean required, String expected) {
        String value = required ? required(column, 200) : optional(column, 200);
        if (value != null && !value.matches(regex)) {
            problem(column, "notValid", expected(expected));
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
                problem(column, "range", min, max);
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            problem(column, "notWhole");
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
        problem(column, "notBoolean");
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
            problem(column, "notAllowed", allowed);
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
            problem(column, "notDateTime");
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
