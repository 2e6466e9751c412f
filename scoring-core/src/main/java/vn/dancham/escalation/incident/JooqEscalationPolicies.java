package vn.dancham.escalation.incident;

import org.jooq.DSLContext;
import vn.dancham.escalation.EscalationPolicies;
import vn.dancham.escalation.Severity;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static vn.dancham.db.jooq.Tables.ESCALATION_POLICY;

/** {@link EscalationPolicies} over {@code escalation_policy}, read through {@link IncidentStore#policy}. */
final class JooqEscalationPolicies implements EscalationPolicies {

    private final DSLContext dsl;
    private final IncidentStore store;

    JooqEscalationPolicies(DSLContext dsl, IncidentStore store) {
        this.dsl = dsl;
        this.store = store;
    }

    @Override
    public List<Policy> all() {
        return Arrays.stream(Severity.values()).map(s -> view(store.policy(dsl, s))).toList();
    }

    private static Policy view(EscalationPolicy p) {
        return new Policy(p.severity(), p.waitTime(), p.maxLevel(), p.repeats(), p.dailyDigest());
    }

    @Override
    public Update update(Severity severity, String waitMinutes, String maxLevel, String repeats) {
        Policy before = view(store.policy(dsl, severity));
        Map<Field, Problem> problems = new EnumMap<>(Field.class);
        if (before.dailyDigest()) {
            problems.put(Field.WAIT_MINUTES, Problem.DAILY_DIGEST);
            return new Update(problems, before, before);
        }
        Integer wait = whole(waitMinutes, MIN_WAIT_MINUTES, MAX_WAIT_MINUTES, Field.WAIT_MINUTES, problems);
        Integer level = whole(maxLevel, 1, MAX_LEVEL, Field.MAX_LEVEL, problems);
        Integer rounds = whole(repeats, 0, MAX_REPEATS, Field.REPEATS, problems);
        if (!problems.isEmpty()) {
            return new Update(problems, before, before);
        }
        Policy after = new Policy(severity, Duration.ofMinutes(wait), level, rounds, false);
        if (!after.equals(before)) {
            // The row may be missing (the engine then uses the documented defaults): an upsert restores it.
            dsl.insertInto(ESCALATION_POLICY)
                    .set(ESCALATION_POLICY.SEVERITY, severity.name())
                    .set(ESCALATION_POLICY.WAIT_SECONDS, wait * 60)
                    .set(ESCALATION_POLICY.MAX_LEVEL, level.shortValue())
                    .set(ESCALATION_POLICY.REPEATS, rounds.shortValue())
                    .set(ESCALATION_POLICY.DAILY_DIGEST, false)
                    .onConflict(ESCALATION_POLICY.SEVERITY).doUpdate()
                    .set(ESCALATION_POLICY.WAIT_SECONDS, wait * 60)
                    .set(ESCALATION_POLICY.MAX_LEVEL, level.shortValue())
                    .set(ESCALATION_POLICY.REPEATS, rounds.shortValue())
                    .execute();
        }
        return new Update(Map.of(), before, after);
    }

    private static Integer whole(String text, int min, int max, Field field, Map<Field, Problem> problems) {
        if (text == null || text.isBlank()) {
            problems.put(field, Problem.REQUIRED);
            return null;
        }
        if (!text.strip().matches("[0-9]{1,6}")) {
            problems.put(field, Problem.NOT_WHOLE);
            return null;
        }
        int n = Integer.parseInt(text.strip());
        if (n < min || n > max) {
            problems.put(field, Problem.OUT_OF_RANGE);
            return null;
        }
        return n;
    }
}
