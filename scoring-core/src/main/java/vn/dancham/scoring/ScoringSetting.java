package vn.dancham.scoring;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The scoring settings an administrator may change from the web (stored in {@code app_setting} under their full
 * property name, overlaying the configured value; see {@link ScoringSettings}). The rest of {@link ScoringProperties}
 * (time zone, attribution rules, anti-gaming windows, time decay, the nightly cron) stays configuration-only: those
 * change what the stored aggregates mean or when jobs run, and take a restart.
 */
public enum ScoringSetting {

    SATISFACTION_WEIGHT("model.satisfaction-weight", false, "0", "100"),
    ON_TIME_WEIGHT("model.on-time-weight", false, "0", "100"),
    COMPLAINT_WEIGHT("model.complaint-weight", false, "0", "100"),
    PRIOR_WEIGHT("model.prior-weight", false, "0", "1000"),
    CONFIDENCE("model.confidence", false, "0.5", "0.999"),
    COMPLAINT_PENALTY("model.complaint-penalty", false, "0", "100"),
    HARASSMENT_PENALTY("model.harassment-penalty", false, "0", "100"),
    VERIFIED_WEIGHT("identity.verified", false, "0", "10"),
    UNVERIFIED_WEIGHT("identity.unverified", false, "0", "10"),
    WITHHELD_WEIGHT("identity.withheld", false, "0", "10"),
    KNOWN_WEIGHT("identity.known", false, "0", "10"),
    DAILY_CAP("anti-gaming.daily-cap", true, "1", "1000"),
    DOSSIER_ANONYMOUS_CALLERS("anti-gaming.dossier-anonymous-callers", true, "0", "100"),
    DOSSIER_KNOWN_CALLERS("anti-gaming.dossier-known-callers", true, "0", "100"),
    CALLER_OFFICER_DOSSIERS("anti-gaming.caller-officer-dossiers", true, "0", "1000"),
    KNOWN_CALLER_OFFICER_DOSSIERS("anti-gaming.known-caller-officer-dossiers", true, "0", "1000"),
    OFFICER_ANONYMOUS_CALLERS("anti-gaming.officer-anonymous-callers", true, "0", "100000"),
    ANONYMOUS_LOW_MAX_VALUE("anti-gaming.anonymous-low-max-value", true, "0", "4"),
    BURST_DISTINCT_DOSSIERS("anti-gaming.burst-distinct-dossiers", true, "2", "1000"),
    LOW_CLUSTER_COUNT("anti-gaming.low-cluster-count", true, "2", "1000"),
    LOW_CLUSTER_MAX_VALUE("anti-gaming.low-cluster-max-value", true, "1", "4"),
    LOW_SCORE_THRESHOLD("concerns.low-score-threshold", false, "0", "100"),
    MIN_RATINGS("concerns.min-ratings", true, "1", "100000"),
    DROP_POINTS("concerns.drop-points", false, "0", "100");

    public static final String PREFIX = "dancham.scoring.";

    /** Why a proposed value is refused; the web turns each into a sentence. */
    public enum Problem {
        /** Empty. */
        REQUIRED,
        /** Not a decimal number (a dot or a comma as the decimal separator are both accepted). */
        NOT_A_NUMBER,
        /** A count must be a whole number. */
        NOT_WHOLE,
        /** Outside {@link #min()}..{@link #max()}. */
        OUT_OF_RANGE,
        /** Must be above zero: satisfaction is the one component every composite has; verified callers count. */
        MUST_BE_POSITIVE
    }

    private final String key;
    private final boolean whole;
    private final BigDecimal min;
    private final BigDecimal max;

    ScoringSetting(String key, boolean whole, String min, String max) {
        this.key = key;
        this.whole = whole;
        this.min = new BigDecimal(min);
        this.max = new BigDecimal(max);
    }

    /** Below {@code dancham.scoring.}, e.g. {@code model.prior-weight}. */
    public String key() {
        return key;
    }

    /** The full property name, as in README and application.yml: the key in {@code app_setting}. */
    public String property() {
        return PREFIX + key;
    }

    public boolean whole() {
        return whole;
    }

    public BigDecimal min() {
        return min;
    }

    public BigDecimal max() {
        return max;
    }

    public static Optional<ScoringSetting> byProperty(String property) {
        for (ScoringSetting s : values()) {
            if (s.property().equals(property)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** This setting's value in {@code properties}, in its canonical text form (what is stored and shown). */
    public String valueIn(ScoringProperties properties) {
        Object value = properties;
        for (String part : key.split("\\.")) {
            value = component(value, part);
        }
        return canonical(value);
    }

    /** Canonical text of a number: no trailing zeros, no exponent ("0.60" and "0,6" are both "0.6"). */
    public static String canonical(Object value) {
        if (value instanceof BigDecimal d) {
            return d.compareTo(BigDecimal.ZERO) == 0 ? "0" : d.stripTrailingZeros().toPlainString();
        }
        return String.valueOf(value);
    }

    /** The proposed text as a number, or empty when it is not one (comma accepted as the decimal separator). */
    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().replace(',', '.');
        if (!t.matches("[0-9]{1,9}(\\.[0-9]{1,6})?")) {
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(t));
    }

    /**
     * Checks a complete set of proposed values (every setting, as typed): each on its own, then together. Pure, no
     * side effects; an empty map means every value may be stored.
     */
    public static Map<ScoringSetting, Problem> validate(Map<ScoringSetting, String> proposed) {
        Map<ScoringSetting, Problem> problems = new LinkedHashMap<>();
        Map<ScoringSetting, BigDecimal> numbers = new LinkedHashMap<>();
        for (ScoringSetting s : values()) {
            String text = proposed.get(s);
            if (text == null || text.isBlank()) {
                problems.put(s, Problem.REQUIRED);
                continue;
            }
            Optional<BigDecimal> n = parse(text);
            if (n.isEmpty()) {
                problems.put(s, Problem.NOT_A_NUMBER);
            } else if (s.whole && n.get().stripTrailingZeros().scale() > 0) {
                problems.put(s, Problem.NOT_WHOLE);
            } else if (n.get().compareTo(s.min) < 0 || n.get().compareTo(s.max) > 0) {
                problems.put(s, Problem.OUT_OF_RANGE);
            } else {
                numbers.put(s, n.get());
            }
        }
        // The composite always has a satisfaction component; a zero weight there would leave a subject without
        // stages or complaints with 0/0. This also makes "not all composite weights zero" hold.
        positive(SATISFACTION_WEIGHT, numbers, problems);
        // With every identity weighing nothing no rating would count at all.
        positive(VERIFIED_WEIGHT, numbers, problems);
        return problems;
    }

    private static void positive(ScoringSetting s, Map<ScoringSetting, BigDecimal> numbers,
                                 Map<ScoringSetting, Problem> problems) {
        BigDecimal n = numbers.get(s);
        if (n != null && n.signum() <= 0) {
            problems.put(s, Problem.MUST_BE_POSITIVE);
        }
    }

    /**
     * {@code base} with the stored values (full property name → text) applied. Values that are not settings of this
     * list or that no longer pass {@link #validate} on their own are ignored, so a bad row can never break scoring.
     */
    public static ScoringProperties overlay(ScoringProperties base, Map<String, String> stored) {
        Map<String, Object> replace = new LinkedHashMap<>();
        for (ScoringSetting s : values()) {
            String text = stored.get(s.property());
            if (text == null) {
                continue;
            }
            Map<ScoringSetting, String> alone = new LinkedHashMap<>();
            for (ScoringSetting other : values()) {
                alone.put(other, other == s ? text : other.valueIn(base));
            }
            if (validate(alone).isEmpty()) {
                BigDecimal n = parse(text).orElseThrow();
                replace.put(s.key, n);
            }
        }
        return replace.isEmpty() ? base : (ScoringProperties) rebuild(base, "", replace);
    }

    /** A copy of a record with the components at the given kebab-case paths replaced (numbers converted). */
    private static Object rebuild(Object record, String path, Map<String, Object> replace) {
        RecordComponent[] components = record.getClass().getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean changed = false;
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String name = path + kebab(c.getName());
            Object value = read(record, c);
            if (replace.containsKey(name)) {
                BigDecimal n = (BigDecimal) replace.get(name);
                value = c.getType() == int.class ? (Object) n.intValueExact() : n;
                changed = true;
            } else if (value != null && value.getClass().isRecord()
                    && replace.keySet().stream().anyMatch(k -> k.startsWith(name + "."))) {
                value = rebuild(value, name + ".", replace);
                changed = true;
            }
            args[i] = value;
        }
        if (!changed) {
            return record;
        }
        try {
            return record.getClass().getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot rebuild " + record.getClass(), e);
        }
    }

    private static Object component(Object record, String kebabName) {
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (kebab(c.getName()).equals(kebabName)) {
                return read(record, c);
            }
        }
        throw new IllegalStateException("No component " + kebabName + " in " + record.getClass());
    }

    private static Object read(Object record, RecordComponent c) {
        try {
            return c.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** Every setting's value in {@code properties}, in declaration order. */
    public static Map<ScoringSetting, String> valuesIn(ScoringProperties properties) {
        Map<ScoringSetting, String> out = new LinkedHashMap<>();
        for (ScoringSetting s : values()) {
            out.put(s, s.valueIn(properties));
        }
        return out;
    }
}
