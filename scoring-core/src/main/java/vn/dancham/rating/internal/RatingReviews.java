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
        return dsl.fetch("""
                SELECT r.id, r.given_at, r.criterion, r.value, r.identity, r.caller_number, r.flag_reason,
                       r.dossier_id, d.receipt_no, r.office_id, o.name, r.officer_id, f.full_name
                FROM rating r
                JOIN office o ON o.id = r.office_id
                LEFT JOIN officer f ON f.id = r.officer_id
                LEFT JOIN dossier d ON d.id = r.dossier_id
                WHERE r.status = 'FLAGGED'""" + officeFilter + " ORDER BY r.given_at DESC, r.id DESC LIMIT ?", bind)
                .map(r -> new FlaggedRating(r.get(0, Long.class), r.get(1, OffsetDateTime.class).toInstant(),
                        r.get(2, String.class), r.get(3, Integer.class), r.get(4, String.class), r.get(5, String.class),
                        r.get(6, String.class), r.get(7, Long.class), r.get(8, String.class), r.get(9, Long.class),
                        r.get(10, String.class), r.get(11, Long.class), r.get(12, String.class)));
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
            }
            return valid ? Result.COUNTED : Result.REJECTED;
        });
    }
}
