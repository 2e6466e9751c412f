package vn.dancham.rating.internal;

import org.jooq.DSLContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.rating.FlaggedRating;
import vn.dancham.rating.RatingReview;
import vn.dancham.scoring.internal.Aggregates;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Review of flagged ratings over PostgreSQL. */
public final class RatingReviews implements RatingReview {

    private final DSLContext dsl;
    private final TransactionTemplate tx;
    private final Aggregates aggregates;
    private final Clock clock;

    public RatingReviews(DSLContext dsl, PlatformTransactionManager transactions, Aggregates aggregates, Clock clock) {
        this.dsl = dsl;
        this.tx = new TransactionTemplate(transactions);
        this.aggregates = aggregates;
        this.clock = clock;
    }

    @Override
    public List<FlaggedRating> flagged(Long officeId, int limit) {
        String officeFilter = officeId == null ? "" : " AND (r.office_id = ? OR EXISTS (SELECT 1 FROM rating_target t "
                + "WHERE t.rating_id = r.id AND t.office_id = ?))";
        Object[] bind = officeId == null ? new Object[]{limit} : new Object[]{officeId, officeId, limit};
        var rows = dsl.fetch("""
                SELECT r.id, r.given_at, r.criterion, r.value, r.identity, r.caller_number, r.flag_reason,
                       r.dossier_id, d.receipt_no, r.office_id, o.name, r.officer_id, f.full_name,
                       coalesce(r.flag_evidence, '{}') AS evidence
                FROM rating r
                JOIN office o ON o.id = r.office_id
                LEFT JOIN officer f ON f.id = r.officer_id
                LEFT JOIN dossier d ON d.id = r.dossier_id
                WHERE r.status = 'FLAGGED'""" + officeFilter + " ORDER BY r.given_at DESC, r.id DESC LIMIT ?", bind);
        // The evidence of every listed answer in one query.
        java.util.Set<Long> evidenceIds = new java.util.HashSet<>();
        rows.forEach(r -> evidenceIds.addAll(java.util.Arrays.asList(r.get("evidence", Long[].class))));
        java.util.Map<Long, FlaggedRating.Evidence> evidence = new java.util.HashMap<>();
        if (!evidenceIds.isEmpty()) {
            dsl.fetch("""
                    SELECT r.id, r.given_at, r.criterion, r.value, r.identity, r.caller_number, d.receipt_no, r.status
                    FROM rating r LEFT JOIN dossier d ON d.id = r.dossier_id WHERE r.id = ANY(?)""",
                    (Object) evidenceIds.toArray(Long[]::new)).forEach(e -> evidence.put(e.get(0, Long.class),
                    new FlaggedRating.Evidence(e.get(0, Long.class), e.get(1, OffsetDateTime.class).toInstant(),
                            e.get(2, String.class), e.get(3, Integer.class), e.get(4, String.class),
                            e.get(5, String.class), e.get(6, String.class), e.get(7, String.class))));
        }
        // Whom each listed answer counts against, all of them (one query).
        java.util.Map<Long, List<FlaggedRating.Target>> targets = new java.util.HashMap<>();
        if (rows.isNotEmpty()) {
            dsl.fetch("""
                    SELECT t.rating_id, t.officer_id, f.full_name, t.office_id, o.name, t.reason
                    FROM rating_target t JOIN office o ON o.id = t.office_id
                    LEFT JOIN officer f ON f.id = t.officer_id
                    WHERE t.rating_id = ANY(?) ORDER BY t.rating_id, t.seq""",
                    (Object) rows.map(r -> r.get(0, Long.class)).toArray(Long[]::new)).forEach(t ->
                    targets.computeIfAbsent(t.get(0, Long.class), k -> new java.util.ArrayList<>())
                            .add(new FlaggedRating.Target(t.get(1, Long.class), t.get(2, String.class),
                                    t.get(3, Long.class), t.get(4, String.class), t.get(5, String.class))));
        }
        return rows.map(r -> {
            long id = r.get(0, Long.class);
            List<FlaggedRating.Evidence> grouped = java.util.Arrays.stream(r.get("evidence", Long[].class))
                    .filter(e -> e != id).map(evidence::get).filter(java.util.Objects::nonNull)
                    .sorted(java.util.Comparator.comparing(FlaggedRating.Evidence::givenAt)
                            .thenComparing(FlaggedRating.Evidence::ratingId))
                    .toList();
            return new FlaggedRating(id, r.get(1, OffsetDateTime.class).toInstant(),
                    r.get(2, String.class), r.get(3, Integer.class), r.get(4, String.class), r.get(5, String.class),
                    r.get(6, String.class), r.get(7, Long.class), r.get(8, String.class), r.get(9, Long.class),
                    r.get(10, String.class), r.get(11, Long.class), r.get(12, String.class), grouped,
                    targets.getOrDefault(id, List.of()));
        });
    }

    @Override
    public Result review(long ratingId, boolean valid, Long reviewerUserId) {
        return tx.execute(status -> {
            String current = dsl.fetchOptional("SELECT status FROM rating WHERE id = ? FOR UPDATE", ratingId)
                    .map(r -> r.get(0, String.class)).orElse(null);
            if (current == null) {
                return Result.NOT_FOUND;
            }
            if (!"FLAGGED".equals(current)) {
                return Result.NOT_FLAGGED;
            }
            dsl.execute("UPDATE rating SET status = ?, reviewed_by = ?, reviewed_at = ?::timestamptz WHERE id = ?",
                    valid ? "COUNTED" : "REJECTED", reviewerUserId, clock.instant().atOffset(ZoneOffset.UTC), ratingId);
            if (valid) {
                aggregates.applyRatings(List.of(ratingId), 1);
                // The decision sticks for this caller and dossier: a later re-rating is not held again by the
                // pattern rules (docs/scoring.md, "HR decisions").
                dsl.execute("""
                        INSERT INTO rating_clearance (caller_number, dossier_id, rating_id, cleared_by, cleared_at)
                        SELECT caller_number, dossier_id, id, ?, ?::timestamptz FROM rating
                        WHERE id = ? AND caller_number IS NOT NULL AND dossier_id IS NOT NULL
                        ON CONFLICT (caller_number, dossier_id) DO NOTHING""",
                        reviewerUserId, clock.instant().atOffset(ZoneOffset.UTC), ratingId);
            }
            return valid ? Result.COUNTED : Result.REJECTED;
        });
    }
}
