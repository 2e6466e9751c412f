package vn.dancham.rating.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.dossier.PhoneNumbers;
import vn.dancham.rating.RatingQuestion;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingReceipt.Outcome;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.Ratings;
import vn.dancham.scoring.ConcernRaised;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringSettings;
import vn.dancham.scoring.internal.Aggregates;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.DOSSIER_STAGE;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.RATING;
import static vn.dancham.db.jooq.Tables.RATING_QUESTION;
import static vn.dancham.db.jooq.Tables.RATING_TARGET;

/**
 * Records a rating in one transaction: attribution, caller identity, supersession of the same caller's earlier
 * answer, the daily cap, burst and identical-low flags, the per-day aggregates, and the LOWEST_ATTITUDE event
 * (published synchronously, so listeners write in this same transaction).
 */
public final class RatingRecorder implements Ratings {

    private static final Logger log = LoggerFactory.getLogger(RatingRecorder.class);

    private final DSLContext dsl;
    private final TransactionTemplate tx;
    private final Aggregates aggregates;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ScoringSettings settings;
    private final Attribution attribution;

    public RatingRecorder(DSLContext dsl, PlatformTransactionManager transactions, Aggregates aggregates,
                          ApplicationEventPublisher events, Clock clock, ScoringProperties properties) {
        this(dsl, transactions, aggregates, events, clock, ScoringSettings.fixed(properties));
    }

    /** The anti-gaming limits (the daily cap) are read from {@code settings} for every rating. */
    public RatingRecorder(DSLContext dsl, PlatformTransactionManager transactions, Aggregates aggregates,
                          ApplicationEventPublisher events, Clock clock, ScoringSettings settings) {
        ScoringProperties properties = settings.configured();
        this.dsl = dsl;
        this.tx = new TransactionTemplate(transactions);
        this.aggregates = aggregates;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.attribution = new Attribution(properties.attribution());
    }

    @Override
    public List<RatingQuestion> activeQuestions() {
        return dsl.select(RATING_QUESTION.ID, RATING_QUESTION.CODE, RATING_QUESTION.CRITERION, RATING_QUESTION.SEQ,
                        RATING_QUESTION.PROMPT_VI, RATING_QUESTION.PROMPT_EN)
                .from(RATING_QUESTION)
                .where(RATING_QUESTION.ACTIVE)
                .orderBy(RATING_QUESTION.SEQ, RATING_QUESTION.ID)
                .fetch(r -> new RatingQuestion(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
    }

    @Override
    public IdentityCheck identityCheck(long dossierId, String callerNumber) {
        String applicant = dsl.select(DOSSIER.APPLICANT_PHONE).from(DOSSIER).where(DOSSIER.ID.eq(dossierId))
                .fetchOptional(DOSSIER.APPLICANT_PHONE)
                .orElseThrow(() -> new IllegalArgumentException("Unknown dossier " + dossierId));
        Optional<String> caller = PhoneNumbers.normalise(callerNumber);
        if (applicant != null && caller.isPresent() && caller.get().equals(applicant)) {
            return IdentityCheck.APPLICANT;
        }
        if (applicant == null || applicant.length() < KNOWN_DIGITS
                || !settings.current().antiGaming().knowledgeCheck()) {
            return IdentityCheck.NONE;
        }
        return IdentityCheck.ASK_PHONE_DIGITS;
    }

    /**
     * @throws IllegalArgumentException for an unknown question code, dossier or office (a caller's bug, not a
     *                                  citizen's input: the IVR offers only known questions and dossiers)
     */
    @Override
    public RatingReceipt record(RatingSubmission s) {
        return retryingLockConflicts(() -> tx.execute(status -> recordInTransaction(s)));
    }

    @Override
    public List<RatingReceipt> recordAll(List<RatingSubmission> submissions) {
        return retryingLockConflicts(() -> tx.execute(status -> submissions.stream().map(this::recordInTransaction)
                .toList()));
    }

    /**
     * Concurrent ratings update the same aggregate rows (office, district, province, field) in orders PostgreSQL's
     * joins do not fix, so one of two transactions can be chosen as a deadlock victim. PostgreSQL's advice is to
     * retry the whole transaction; a caller must never hear "sorry" for it. Only a transaction of our own can be
     * retried: inside a caller's transaction the failure aborts the caller's work too, so it is passed on.
     */
    private <T> T retryingLockConflicts(Supplier<T> work) {
        int attempts = TransactionSynchronizationManager.isActualTransactionActive() ? 1 : MAX_ATTEMPTS;
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts || !isLockConflict(e)) {
                    throw e;
                }
                log.info("Rating transaction lost a lock conflict ({}); retrying, attempt {} of {}",
                        sqlState(e).orElse("?"), attempt + 1, attempts);
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    static final int MAX_ATTEMPTS = 5;

    /** 40P01 deadlock_detected, 40001 serialization_failure: whatever wrapper the exception translator chose. */
    static boolean isLockConflict(Throwable e) {
        return sqlState(e).filter(state -> state.equals("40P01") || state.equals("40001")).isPresent();
    }

    private static Optional<String> sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    private RatingReceipt recordInTransaction(RatingSubmission s) {
        if (s.answerKey() != null) {
            Optional<RatingReceipt> earlier = alreadyRecorded(s.answerKey());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        if (s.test()) {
            return recordTest(s);
        }
        Question question = question(s.questionCode());
        long questionId = question.id();
        String criterion = question.criterion();
        Instant at = (s.givenAt() != null ? s.givenAt() : clock.instant()).truncatedTo(ChronoUnit.MICROS);
        Optional<String> caller = PhoneNumbers.normalise(s.callerNumber());
        if (caller.isPresent()) {
            // One caller's ratings are checked against each other (cap, burst): serialise them.
            dsl.fetch("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?))) AS locked", caller.get());
        }
        Attribution.DossierFacts dossier = s.dossierId() != null ? dossier(s.dossierId()) : null;
        long officeId;
        if (dossier != null) {
            officeId = dossier.receivingOfficeId();
        } else {
            officeId = s.officeId();
            if (!dsl.fetchExists(OFFICE, OFFICE.ID.eq(officeId))) {
                throw new IllegalArgumentException("Unknown office " + officeId);
            }
        }
        List<Attribution.Target> targets = attribution.targets(criterion, dossier, officeId, at);
        String identity = Attribution.identity(caller, dossier, s.knownDigits());
        Long primaryOfficer = targets.stream().map(Attribution.Target::officerId)
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);

        List<Long> previous = previousAnswers(s, dossier, officeId, questionId, caller, at);

        long id = dsl.insertInto(RATING)
                .set(RATING.CALL_ID, s.callId())
                .set(RATING.DOSSIER_ID, dossier != null ? dossier.dossierId() : null)
                .set(RATING.OFFICE_ID, targets.getFirst().officeId())
                .set(RATING.OFFICER_ID, primaryOfficer)
                .set(RATING.QUESTION_ID, questionId)
                .set(RATING.CRITERION, criterion)
                .set(RATING.VALUE, (short) s.value())
                .set(RATING.CALLER_NUMBER, caller.orElse(null))
                .set(RATING.IDENTITY, identity)
                .set(RATING.CHANNEL, s.channel() != null ? s.channel().name() : "PHONE")
                .set(RATING.GIVEN_AT, at.atOffset(ZoneOffset.UTC))
                .set(RATING.STATUS, "COUNTED")
                .set(RATING.ANSWER_KEY, s.answerKey())
                .returning(RATING.ID)
                .fetchOne(RATING.ID);
        var insert = dsl.insertInto(RATING_TARGET, RATING_TARGET.RATING_ID, RATING_TARGET.SEQ, RATING_TARGET.OFFICE_ID,
                RATING_TARGET.OFFICER_ID, RATING_TARGET.STAGE_ID, RATING_TARGET.REASON);
        for (int i = 0; i < targets.size(); i++) {
            Attribution.Target t = targets.get(i);
            insert = insert.values(id, (short) (i + 1), t.officeId(), t.officerId(), t.stageId(), t.reason());
        }
        insert.execute();

        if (!previous.isEmpty()) {
            aggregates.applyRatings(counted(previous), -1);
            dsl.update(RATING).set(RATING.STATUS, "SUPERSEDED").set(RATING.SUPERSEDED_BY, id)
                    .where(RATING.ID.in(previous)).execute();
        }

        String flag = null;
        Outcome outcome = Outcome.COUNTED;
        CallerCounts counts = caller.isPresent() ? callerCounts(caller.get(), id, at) : null;
        if (counts != null && counts.countedToday() >= settings.current().antiGaming().dailyCap()) {
            flag = "DAILY_CAP";
            outcome = Outcome.CAPPED;
        }
        if (flag == null && counts != null
                && counts.officersInBurstWindow() >= settings.current().antiGaming().burstDistinctOfficers()) {
            flag = "BURST";
            flagOthers(burstIds(caller.get(), at), id, flag);
        }
        if (flag == null && s.value() <= settings.current().antiGaming().identicalLowMaxValue()
                && !"VERIFIED".equals(identity)) {
            List<Long> cluster = identicalLow(primaryOfficer, targets.getFirst().officeId(), criterion, s.value(), at);
            if (cluster.size() >= settings.current().antiGaming().identicalLowCount()) {
                flag = "IDENTICAL_LOW";
                flagOthers(cluster, id, flag);
            }
        }
        if (flag != null) {
            dsl.update(RATING).set(RATING.STATUS, "FLAGGED").set(RATING.FLAG_REASON, flag)
                    .where(RATING.ID.eq(id)).execute();
            if (outcome == Outcome.COUNTED) {
                outcome = Outcome.FLAGGED;
            }
        } else {
            aggregates.applyRatings(List.of(id), 1);
            if ("ATTITUDE".equals(criterion) && s.value() == 1 && settings.current().antiGaming().lowestAttitudeAlert()) {
                events.publishEvent(lowestAttitude(targets.getFirst(), dossier, at, id));
            }
        }
        return new RatingReceipt(id, outcome, "VERIFIED".equals(identity));
    }

    /**
     * A test call's answer (the web's test-call page): kept as TEST for the tester to see and nothing else. No
     * officer or targets (it is nobody's rating), no supersession either way (only COUNTED and FLAGGED answers are
     * superseded), no aggregates, no events.
     */
    private RatingReceipt recordTest(RatingSubmission s) {
        Question question = question(s.questionCode());
        Attribution.DossierFacts dossier = s.dossierId() != null ? dossier(s.dossierId()) : null;
        long officeId = dossier != null ? dossier.receivingOfficeId() : s.officeId();
        Optional<String> caller = PhoneNumbers.normalise(s.callerNumber());
        String identity = Attribution.identity(caller, dossier, s.knownDigits());
        long id = dsl.insertInto(RATING)
                .set(RATING.CALL_ID, s.callId())
                .set(RATING.DOSSIER_ID, dossier != null ? dossier.dossierId() : null)
                .set(RATING.OFFICE_ID, officeId)
                .set(RATING.QUESTION_ID, question.id())
                .set(RATING.CRITERION, question.criterion())
                .set(RATING.VALUE, (short) s.value())
                .set(RATING.CALLER_NUMBER, caller.orElse(null))
                .set(RATING.IDENTITY, identity)
                .set(RATING.CHANNEL, s.channel() != null ? s.channel().name() : "PHONE")
                .set(RATING.GIVEN_AT, (s.givenAt() != null ? s.givenAt() : clock.instant())
                        .truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                .set(RATING.STATUS, "TEST")
                .set(RATING.ANSWER_KEY, s.answerKey())
                .returning(RATING.ID)
                .fetchOne(RATING.ID);
        return new RatingReceipt(id, Outcome.TEST, "VERIFIED".equals(identity));
    }

    /**
     * The rating stored earlier under this answer key (the hotline replaying its journal, perhaps twice). The
     * advisory lock makes a concurrent replay of the same key wait for this one; the unique index is the backstop.
     */
    private Optional<RatingReceipt> alreadyRecorded(String answerKey) {
        dsl.fetch("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?))) AS locked", "answer:" + answerKey);
        return dsl.select(RATING.ID, RATING.STATUS, RATING.FLAG_REASON, RATING.IDENTITY).from(RATING)
                .where(RATING.ANSWER_KEY.eq(answerKey))
                .fetchOptional(r -> new RatingReceipt(r.value1(),
                        "TEST".equals(r.value2()) ? Outcome.TEST : !"FLAGGED".equals(r.value2()) ? Outcome.COUNTED
                                : "DAILY_CAP".equals(r.value3()) ? Outcome.CAPPED : Outcome.FLAGGED,
                        "VERIFIED".equals(r.value4())));
    }

    private record Question(long id, String criterion, long loadedAt) {
    }

    /** Questions change rarely (an administrator edits them); a minute's cache saves a query per rating. */
    private final java.util.concurrent.ConcurrentHashMap<String, Question> questions =
            new java.util.concurrent.ConcurrentHashMap<>();

    private Question question(String code) {
        long now = System.nanoTime();
        Question cached = questions.get(code);
        if (cached != null && now - cached.loadedAt() < 60_000_000_000L) {
            return cached;
        }
        Record q = dsl.select(RATING_QUESTION.ID, RATING_QUESTION.CRITERION).from(RATING_QUESTION)
                .where(RATING_QUESTION.CODE.eq(code)).fetchOne();
        if (q == null) {
            throw new IllegalArgumentException("Unknown rating question " + code);
        }
        Question loaded = new Question(q.get(RATING_QUESTION.ID), q.get(RATING_QUESTION.CRITERION), now);
        questions.put(code, loaded);
        return loaded;
    }

    private Attribution.DossierFacts dossier(long dossierId) {
        Record d = dsl.select(DOSSIER.ID, DOSSIER.RECEIPT_NO, DOSSIER.RECEIVING_OFFICE_ID, DOSSIER.RECEIVING_OFFICER_ID,
                        DOSSIER.APPLICANT_PHONE)
                .from(DOSSIER).where(DOSSIER.ID.eq(dossierId)).fetchOne();
        if (d == null) {
            throw new IllegalArgumentException("Unknown dossier " + dossierId);
        }
        List<Attribution.StageFacts> stages = dsl.select(DOSSIER_STAGE.ID, DOSSIER_STAGE.SEQ, DOSSIER_STAGE.OFFICE_ID,
                        DOSSIER_STAGE.OFFICER_ID, DOSSIER_STAGE.STARTED_AT, DOSSIER_STAGE.DUE_AT,
                        DOSSIER_STAGE.FINISHED_AT)
                .from(DOSSIER_STAGE).where(DOSSIER_STAGE.DOSSIER_ID.eq(dossierId)).orderBy(DOSSIER_STAGE.SEQ)
                .fetch(r -> new Attribution.StageFacts(r.value1(), r.value2(), r.value3(), r.value4(),
                        instant(r.value5()), instant(r.value6()), instant(r.value7())));
        return new Attribution.DossierFacts(d.get(DOSSIER.ID), d.get(DOSSIER.RECEIPT_NO),
                d.get(DOSSIER.RECEIVING_OFFICE_ID), d.get(DOSSIER.RECEIVING_OFFICER_ID), d.get(DOSSIER.APPLICANT_PHONE),
                stages);
    }

    /**
     * The same caller's live answers to the same question about the same thing: for a dossier, ever; for an office
     * rated without a dossier, the same local day. Without a caller number only answers in the same call match.
     */
    private List<Long> previousAnswers(RatingSubmission s, Attribution.DossierFacts dossier, long officeId,
                                       long questionId, Optional<String> caller, Instant at) {
        var condition = RATING.QUESTION_ID.eq(questionId).and(RATING.STATUS.in("COUNTED", "FLAGGED"));
        if (dossier != null) {
            condition = condition.and(RATING.DOSSIER_ID.eq(dossier.dossierId()));
        } else {
            condition = condition.and(RATING.DOSSIER_ID.isNull()).and(RATING.OFFICE_ID.eq(officeId))
                    .and(RATING.GIVEN_AT.ge(dayStart(at))).and(RATING.GIVEN_AT.lt(dayStart(at).plusDays(1)));
        }
        if (caller.isPresent()) {
            condition = condition.and(RATING.CALLER_NUMBER.eq(caller.get()));
        } else if (s.callId() != null) {
            condition = condition.and(RATING.CALLER_NUMBER.isNull()).and(RATING.CALL_ID.eq(s.callId()));
        } else {
            return List.of();
        }
        return dsl.select(RATING.ID).from(RATING).where(condition).forUpdate().fetch(RATING.ID);
    }

    private record CallerCounts(int countedToday, int officersInBurstWindow) {
    }

    /**
     * In one query: the caller's counted ratings earlier today (only counted ones use up the day: a replaced answer
     * or one already held out does not), and how many different officers the caller rated within the burst window.
     */
    private CallerCounts callerCounts(String caller, long newId, Instant at) {
        Record r = dsl.fetchOne("""
                SELECT (SELECT count(*) FROM rating WHERE caller_number = ? AND id <> ? AND status = 'COUNTED'
                          AND given_at >= ?::timestamptz AND given_at < ?::timestamptz)::int,
                       (SELECT count(DISTINCT t.officer_id) FROM rating r JOIN rating_target t ON t.rating_id = r.id
                        WHERE r.caller_number = ? AND r.given_at > ?::timestamptz AND r.given_at <= ?::timestamptz
                          AND r.status IN ('COUNTED', 'FLAGGED'))::int
                """, caller, newId, dayStart(at), dayStart(at).plusDays(1), caller,
                at.minus(settings.current().antiGaming().burstWindow()).atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC));
        return new CallerCounts(r.get(0, Integer.class), r.get(1, Integer.class));
    }

    private List<Long> burstIds(String caller, Instant at) {
        OffsetDateTime from = at.minus(settings.current().antiGaming().burstWindow()).atOffset(ZoneOffset.UTC);
        return dsl.select(RATING.ID).from(RATING)
                .where(RATING.CALLER_NUMBER.eq(caller), RATING.GIVEN_AT.gt(from),
                        RATING.GIVEN_AT.le(at.atOffset(ZoneOffset.UTC)), RATING.STATUS.eq("COUNTED"))
                .forUpdate().fetch(RATING.ID);
    }

    /** Identical low answers about one officer (or one office, for office-level ratings) from non-verified callers. */
    private List<Long> identicalLow(Long officerId, long officeId, String criterion, int value, Instant at) {
        OffsetDateTime from = at.minus(settings.current().antiGaming().identicalLowWindow()).atOffset(ZoneOffset.UTC);
        var subject = officerId != null ? RATING.OFFICER_ID.eq(officerId)
                : RATING.OFFICER_ID.isNull().and(RATING.OFFICE_ID.eq(officeId));
        return dsl.select(RATING.ID).from(RATING)
                .where(subject, RATING.CRITERION.eq(criterion), RATING.VALUE.eq((short) value),
                        RATING.IDENTITY.ne("VERIFIED"), RATING.GIVEN_AT.gt(from),
                        RATING.GIVEN_AT.le(at.atOffset(ZoneOffset.UTC)), RATING.STATUS.in("COUNTED", "FLAGGED"))
                .forUpdate().fetch(RATING.ID);
    }

    /** Flags the other counted ratings of a detected pattern, taking them out of the aggregates. */
    private void flagOthers(List<Long> ids, long newId, String reason) {
        List<Long> others = counted(ids.stream().filter(i -> i != newId).toList());
        if (others.isEmpty()) {
            return;
        }
        aggregates.applyRatings(others, -1);
        dsl.update(RATING).set(RATING.STATUS, "FLAGGED").set(RATING.FLAG_REASON, reason)
                .where(RATING.ID.in(others)).execute();
    }

    private List<Long> counted(List<Long> ids) {
        if (ids.isEmpty()) {
            return ids;
        }
        return dsl.select(RATING.ID).from(RATING).where(RATING.ID.in(ids), RATING.STATUS.eq("COUNTED"))
                .fetch(RATING.ID);
    }

    private ConcernRaised lowestAttitude(Attribution.Target target, Attribution.DossierFacts dossier, Instant at,
                                         long ratingId) {
        Record office = dsl.fetchOne("""
                SELECT o.name,
                       coalesce((SELECT u.id FROM office_unit ou JOIN admin_unit u ON u.id = ou.unit_id
                                 WHERE ou.office_id = o.id AND u.level = 'DISTRICT' LIMIT 1), o.unit_id) AS unit_id,
                       (SELECT f.full_name FROM officer f WHERE f.id = ?) AS officer_name
                FROM office o WHERE o.id = ?
                """, target.officerId(), target.officeId());
        boolean officer = target.officerId() != null;
        String name = officer ? office.get("officer_name", String.class) : office.get("name", String.class);
        String detail = "Đánh giá thái độ 1/5"
                + (dossier != null ? " · hồ sơ " + dossier.receiptNo() : "")
                + " · " + office.get("name", String.class) + " (rating " + ratingId + ")";
        return new ConcernRaised(ConcernRaised.Kind.LOWEST_ATTITUDE, officer ? "OFFICER" : "OFFICE",
                officer ? target.officerId() : target.officeId(), name, target.officeId(),
                office.get("unit_id", Long.class), null, 1, "", detail, at);
    }

    private OffsetDateTime dayStart(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, settings.current().zone());
        return day.atStartOfDay(settings.current().zone()).toOffsetDateTime();
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
