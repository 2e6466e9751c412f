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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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

    Facts load(Answer a, ScoringProperties.AntiGaming limits) {
        OffsetDateTime at = a.at().atOffset(ZoneOffset.UTC);
        int today = 0;
        List<Prior> callerAnswers = List.of();
        if (a.caller() != null) {
            LocalDate day = LocalDate.ofInstant(a.at(), settings.current().zone());
            OffsetDateTime dayStart = day.atStartOfDay(settings.current().zone()).toOffsetDateTime();
            today = dsl.fetchOne("""
                    SELECT count(*)::int FROM rating WHERE caller_number = ? AND status = 'COUNTED'
                      AND given_at >= ?::timestamptz AND given_at < ?::timestamptz""",
                    a.caller(), dayStart, dayStart.plusDays(1)).get(0, Integer.class);
            callerAnswers = dsl.fetch("""
                    SELECT r.id, r.identity, r.caller_number, r.dossier_id, r.value, r.given_at FROM rating r
                    WHERE r.caller_number = ? AND r.status = 'COUNTED'
                      AND r.given_at > ?::timestamptz AND r.given_at <= ?::timestamptz
                      AND NOT EXISTS (SELECT 1 FROM rating_clearance c
                                      WHERE c.caller_number = r.caller_number AND c.dossier_id = r.dossier_id)""",
                    a.caller(), a.at().minus(limits.burstWindow()).atOffset(ZoneOffset.UTC), at)
                    .map(EligibilityFacts::prior);
        }
        List<Prior> dossierAnswers = a.dossierId() == null ? List.of() : dsl.fetch("""
                SELECT r.id, r.identity, r.caller_number, r.dossier_id, r.value, r.given_at FROM rating r
                WHERE r.dossier_id = ? AND r.status = 'COUNTED'""", a.dossierId())
                .map(EligibilityFacts::prior);
        List<Prior> officerAnswers = List.of();
        if (!a.officerIds().isEmpty()) {
            Duration window = longer(limits.callerOfficerWindow(), limits.lowClusterWindow());
            // Cleared answers still fill the per-officer limits (they count) but are no cluster evidence.
            officerAnswers = dsl.fetch("""
                    SELECT r.id, r.identity, r.caller_number, r.dossier_id, r.value, r.given_at,
                           EXISTS (SELECT 1 FROM rating_clearance c WHERE c.caller_number = r.caller_number
                                   AND c.dossier_id = r.dossier_id)
                    FROM rating r
                    WHERE r.status = 'COUNTED' AND r.identity <> 'VERIFIED'
                      AND r.given_at > ?::timestamptz AND r.given_at <= ?::timestamptz
                      AND EXISTS (SELECT 1 FROM rating_target t WHERE t.rating_id = r.id AND t.officer_id = ANY(?))""",
                    a.at().minus(window).atOffset(ZoneOffset.UTC), at, a.officerIds().toArray(Long[]::new))
                    .map(r -> new Prior(r.get(0, Long.class), Identity.valueOf(r.get(1, String.class)),
                            r.get(2, String.class), r.get(3, Long.class), r.get(4, Integer.class),
                            r.get(5, OffsetDateTime.class).toInstant(), r.get(6, Boolean.class)));
        }
        return new Facts(today, dossierAnswers, officerAnswers, callerAnswers);
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Prior prior(Record r) {
        return new Prior(r.get(0, Long.class), Identity.valueOf(r.get(1, String.class)), r.get(2, String.class),
                r.get(3, Long.class), r.get(4, Integer.class), r.get(5, OffsetDateTime.class).toInstant(), false);
    }
}
