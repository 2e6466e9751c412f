package vn.dancham.review.internal;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import vn.dancham.review.ReviewRequests;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static vn.dancham.db.jooq.Tables.COMPLAINT;
import static vn.dancham.db.jooq.Tables.COMPLAINT_OFFICER;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.OFFICER;
import static vn.dancham.db.jooq.Tables.RATING;
import static vn.dancham.db.jooq.Tables.RATING_TARGET;
import static vn.dancham.db.jooq.Tables.REVIEW_REQUEST;

/** Review requests over PostgreSQL; whether an item is the officer's is decided by the same tables the score reads. */
@Component
public class JooqReviewRequests implements ReviewRequests {

    private final DSLContext dsl;
    private final Clock clock;

    /** A Clock bean from elsewhere (tests) wins; otherwise real UTC time. */
    public JooqReviewRequests(DSLContext dsl, ObjectProvider<Clock> clock) {
        this.dsl = dsl;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public Asked ask(long officerId, Kind kind, long itemId, String reason, String by) {
        Optional<AskOutcome> problem = ReviewPolicy.reasonProblem(reason);
        if (problem.isPresent()) {
            return new Asked(problem.get(), 0);
        }
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            if (!theirs(tx, officerId, kind, itemId)) {
                return new Asked(AskOutcome.NOT_THEIRS, 0);
            }
            Long id = tx.insertInto(REVIEW_REQUEST)
                    .set(REVIEW_REQUEST.OFFICER_ID, officerId)
                    .set(REVIEW_REQUEST.RATING_ID, kind == Kind.RATING ? itemId : null)
                    .set(REVIEW_REQUEST.COMPLAINT_ID, kind == Kind.COMPLAINT ? itemId : null)
                    .set(REVIEW_REQUEST.REASON, reason.strip())
                    .set(REVIEW_REQUEST.ASKED_BY, by)
                    .set(REVIEW_REQUEST.ASKED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                    .onConflictDoNothing()
                    .returning(REVIEW_REQUEST.ID)
                    .fetchOptional().map(r -> r.getId()).orElse(null);
            return id == null ? new Asked(AskOutcome.ALREADY_ASKED, 0) : new Asked(AskOutcome.ASKED, id);
        });
    }

    /** The answers a score counts for the officer (rating_target) and the complaints a handler charged to them. */
    private static boolean theirs(DSLContext tx, long officerId, Kind kind, long itemId) {
        return switch (kind) {
            case RATING -> tx.fetchExists(DSL.selectOne().from(RATING_TARGET)
                    .join(RATING).on(RATING.ID.eq(RATING_TARGET.RATING_ID))
                    .where(RATING_TARGET.RATING_ID.eq(itemId), RATING_TARGET.OFFICER_ID.eq(officerId),
                            RATING.STATUS.ne("TEST")));
            case COMPLAINT -> tx.fetchExists(DSL.selectOne().from(COMPLAINT_OFFICER)
                    .join(COMPLAINT).on(COMPLAINT.ID.eq(COMPLAINT_OFFICER.COMPLAINT_ID))
                    .where(COMPLAINT_OFFICER.COMPLAINT_ID.eq(itemId), COMPLAINT_OFFICER.OFFICER_ID.eq(officerId),
                            COMPLAINT.TEST.isFalse()));
        };
    }

    @Override
    public List<Request> forOfficer(long officerId) {
        return select(REVIEW_REQUEST.OFFICER_ID.eq(officerId))
                .orderBy(REVIEW_REQUEST.ASKED_AT.desc(), REVIEW_REQUEST.ID.desc())
                .fetch(JooqReviewRequests::request);
    }

    @Override
    public List<Request> queue(boolean withDecided, int limit) {
        Condition which = withDecided ? DSL.trueCondition() : REVIEW_REQUEST.STATUS.eq("OPEN");
        return select(which)
                .orderBy(DSL.when(REVIEW_REQUEST.STATUS.eq("OPEN"), 0).otherwise(1),
                        DSL.when(REVIEW_REQUEST.STATUS.eq("OPEN"), REVIEW_REQUEST.ASKED_AT).asc(),
                        REVIEW_REQUEST.DECIDED_AT.desc())
                .limit(limit)
                .fetch(JooqReviewRequests::request);
    }

    @Override
    public Decided decide(long requestId, boolean accept, String note, String by) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            Record row = select(tx, REVIEW_REQUEST.ID.eq(requestId)).forUpdate().of(REVIEW_REQUEST).fetchOne();
            if (row == null) {
                return new Decided(DecideOutcome.UNKNOWN, null);
            }
            Request before = request(row);
            Optional<DecideOutcome> problem = ReviewPolicy.decisionProblem(before.status(), accept, note);
            if (problem.isPresent()) {
                return new Decided(problem.get(), before);
            }
            tx.update(REVIEW_REQUEST)
                    .set(REVIEW_REQUEST.STATUS, accept ? Status.ACCEPTED.name() : Status.REJECTED.name())
                    .set(REVIEW_REQUEST.DECIDED_BY, by)
                    .set(REVIEW_REQUEST.DECIDED_AT, clock.instant().atOffset(ZoneOffset.UTC))
                    .set(REVIEW_REQUEST.DECISION_NOTE, note == null || note.isBlank() ? null : note.strip())
                    .where(REVIEW_REQUEST.ID.eq(requestId))
                    .execute();
            return new Decided(DecideOutcome.DECIDED, request(select(tx, REVIEW_REQUEST.ID.eq(requestId)).fetchSingle()));
        });
    }

    private org.jooq.SelectConditionStep<Record> select(Condition where) {
        return select(dsl, where);
    }

    private static org.jooq.SelectConditionStep<Record> select(DSLContext ctx, Condition where) {
        var ratingDossier = DOSSIER.as("rd");
        var complaintDossier = DOSSIER.as("cd");
        return ctx.select(REVIEW_REQUEST.fields())
                .select(OFFICER.FULL_NAME, RATING.GIVEN_AT, RATING.CRITERION, RATING.VALUE, COMPLAINT.CREATED_AT,
                        COMPLAINT.KIND, DSL.coalesce(ratingDossier.RECEIPT_NO, complaintDossier.RECEIPT_NO).as("receipt"))
                .from(REVIEW_REQUEST)
                .join(OFFICER).on(OFFICER.ID.eq(REVIEW_REQUEST.OFFICER_ID))
                .leftJoin(RATING).on(RATING.ID.eq(REVIEW_REQUEST.RATING_ID))
                .leftJoin(ratingDossier).on(ratingDossier.ID.eq(RATING.DOSSIER_ID))
                .leftJoin(COMPLAINT).on(COMPLAINT.ID.eq(REVIEW_REQUEST.COMPLAINT_ID))
                .leftJoin(complaintDossier).on(complaintDossier.ID.eq(COMPLAINT.DOSSIER_ID))
                .where(where);
    }

    private static Request request(Record r) {
        boolean rating = r.get(REVIEW_REQUEST.RATING_ID) != null;
        Short value = r.get(RATING.VALUE);
        return new Request(r.get(REVIEW_REQUEST.ID), r.get(REVIEW_REQUEST.OFFICER_ID), r.get(OFFICER.FULL_NAME),
                rating ? Kind.RATING : Kind.COMPLAINT,
                rating ? r.get(REVIEW_REQUEST.RATING_ID) : r.get(REVIEW_REQUEST.COMPLAINT_ID),
                instant(rating ? r.get(RATING.GIVEN_AT) : r.get(COMPLAINT.CREATED_AT)),
                rating ? r.get(RATING.CRITERION) : null, value == null ? null : value.intValue(),
                rating ? null : r.get(COMPLAINT.KIND), r.get("receipt", String.class), r.get(REVIEW_REQUEST.REASON),
                r.get(REVIEW_REQUEST.ASKED_BY), instant(r.get(REVIEW_REQUEST.ASKED_AT)),
                Status.valueOf(r.get(REVIEW_REQUEST.STATUS)), r.get(REVIEW_REQUEST.DECIDED_BY),
                instant(r.get(REVIEW_REQUEST.DECIDED_AT)), r.get(REVIEW_REQUEST.DECISION_NOTE));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
