package vn.dancham.rating.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import vn.dancham.rating.internal.EligibilityPolicy.Answer;
import vn.dancham.rating.internal.EligibilityPolicy.Facts;
import vn.dancham.rating.internal.EligibilityPolicy.Identity;
import vn.dancham.rating.internal.EligibilityPolicy.Prior;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringSettings;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads what {@link EligibilityPolicy} needs about one new answer: counted answers only (held, superseded, rejected
 * and test answers are never evidence), and none of the answers HR cleared for their caller and dossier in the
 * pattern lists (a "valid" decision sticks).
 */
final class EligibilityFacts {

    private final DSLContext dsl;
    private final ScoringSettings settings;

    EligibilityFacts(DSLContext dsl, ScoringSettings settings) {
        this.dsl = dsl;
        this.settings = settings;
    }

    /** The facts, and whether HR cleared this caller's answers about this dossier ({@link Answer#cleared()}). */
    record Loaded(Facts facts, boolean cleared) {
    }

    /**
     * Everything in one statement (issue 16: the writer reads it for every answer of a batch, in order, because
     * each answer changes the next one's facts): the branches below are the queries this class used to run one by
     * one, tagged by kind — T the caller's count today, C the caller's answers in the burst window, D the dossier's
     * answers, O the officers' answers, X the clearance of this caller and dossier.
     *
     * @param caller the normalised caller number, null when withheld
     */
    Loaded load(String caller, Long dossierId, List<Long> officerIds, Instant at, ScoringProperties.AntiGaming limits) {
        OffsetDateTime now = at.atOffset(ZoneOffset.UTC);
        StringBuilder sql = new StringBuilder();
        List<Object> binds = new ArrayList<>();
        if (caller != null) {
            LocalDate day = LocalDate.ofInstant(at, settings.current().zone());
            OffsetDateTime dayStart = day.atStartOfDay(settings.current().zone()).toOffsetDateTime();
            union(sql, """
                    SELECT 'T' AS kind, count(*)::bigint AS id, NULL::text AS identity, NULL::text AS caller_number,
                           NULL::bigint AS dossier_id, NULL::int AS value, NULL::timestamptz AS given_at,
                           NULL::boolean AS cleared
                    FROM rating WHERE caller_number = ? AND status = 'COUNTED'
                      AND given_at >= ?::timestamptz AND given_at < ?::timestamptz""");
            binds.addAll(List.of(caller, dayStart, dayStart.plusDays(1)));
            union(sql, """
                    SELECT 'C', r.id, r.identity, r.caller_number, r.dossier_id, r.value::int, r.given_at, false
                    FROM rating r
                    WHERE r.caller_number = ? AND r.status = 'COUNTED'
                      AND r.given_at > ?::timestamptz AND r.given_at <= ?::timestamptz
                      AND NOT EXISTS (SELECT 1 FROM rating_clearance c
                                      WHERE c.caller_number = r.caller_number AND c.dossier_id = r.dossier_id)""");
            binds.addAll(List.of(caller, at.minus(limits.burstWindow()).atOffset(ZoneOffset.UTC), now));
            if (dossierId != null) {
                union(sql, """
                        SELECT 'X', NULL, NULL, NULL, NULL, NULL, NULL,
                               EXISTS (SELECT 1 FROM rating_clearance WHERE caller_number = ? AND dossier_id = ?)""");
                binds.addAll(List.of(caller, dossierId));
            }
        }
        if (dossierId != null) {
            union(sql, """
                    SELECT 'D', r.id, r.identity, r.caller_number, r.dossier_id, r.value::int, r.given_at, false
                    FROM rating r WHERE r.dossier_id = ? AND r.status = 'COUNTED'""");
            binds.add(dossierId);
        }
        if (!officerIds.isEmpty()) {
            Duration window = longer(limits.callerOfficerWindow(), limits.lowClusterWindow());
            // Cleared answers still fill the per-officer limits (they count) but are no cluster evidence. The
            // evidence table holds the counted answers of callers other than the applicant (migration V261): bounded
            // by what counts, not by what an officer's history or a flood of held answers holds. Of those, only what
            // a rule can weigh (EligibilityPolicy.weighsOfficerAnswer, V265): the anonymous and low ones by weight,
            // and this caller's own from rating by caller number.
            union(sql, """
                    SELECT 'O', r.id, r.identity, r.caller_number, r.dossier_id, r.value::int, r.given_at,
                           EXISTS (SELECT 1 FROM rating_clearance c WHERE c.caller_number = r.caller_number
                                   AND c.dossier_id = r.dossier_id)
                    FROM rating r
                    WHERE r.id = ANY (ARRAY(SELECT e.rating_id FROM rating_officer_evidence e
                                            WHERE e.officer_id = ANY(?::bigint[]) AND e.weight <= ?::smallint
                                              AND e.given_at > ?::timestamptz AND e.given_at <= ?::timestamptz
                                            UNION
                                            SELECT o.id FROM rating o
                                            WHERE o.caller_number = ?::text AND o.status = 'COUNTED'
                                              AND o.identity <> 'VERIFIED'
                                              AND o.given_at > ?::timestamptz AND o.given_at <= ?::timestamptz
                                              AND EXISTS (SELECT 1 FROM rating_target t WHERE t.rating_id = o.id
                                                          AND t.officer_id = ANY(?::bigint[]))))""");
            Long[] officers = officerIds.toArray(Long[]::new);
            OffsetDateTime from = at.minus(window).atOffset(ZoneOffset.UTC);
            binds.addAll(java.util.Arrays.asList(officers, (short) limits.lowClusterMaxValue(), from, now, caller,
                    from, now, officers));
        }
        int today = 0;
        boolean cleared = false;
        List<Prior> callerAnswers = new ArrayList<>();
        List<Prior> dossierAnswers = new ArrayList<>();
        List<Prior> officerAnswers = new ArrayList<>();
        if (sql.isEmpty()) {
            return new Loaded(new Facts(today, dossierAnswers, officerAnswers, callerAnswers), cleared);
        }
        for (Record r : dsl.fetch(sql.toString(), binds.toArray())) {
            switch (r.get(0, String.class)) {
                case "T" -> today = r.get(1, Long.class).intValue();
                case "X" -> cleared = r.get(7, Boolean.class);
                case "C" -> callerAnswers.add(prior(r));
                case "D" -> dossierAnswers.add(prior(r));
                case "O" -> officerAnswers.add(prior(r));
                default -> throw new IllegalStateException("Unknown kind of fact " + r.get(0));
            }
        }
        return new Loaded(new Facts(today, dossierAnswers, officerAnswers, callerAnswers), cleared);
    }

    private static void union(StringBuilder sql, String branch) {
        if (!sql.isEmpty()) {
            sql.append("\nUNION ALL\n");
        }
        sql.append('(').append(branch).append(')');
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Prior prior(Record r) {
        return new Prior(r.get(1, Long.class), Identity.valueOf(r.get(2, String.class)), r.get(3, String.class),
                r.get(4, Long.class), r.get(5, Integer.class), r.get(6, OffsetDateTime.class).toInstant(),
                r.get(7, Boolean.class));
    }
}
