package vn.dancham.rating.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.phone.PhoneNumbers;
import vn.dancham.rating.RatingQuestion;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingReceipt.Outcome;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.Ratings;
import vn.dancham.rating.RatingsHeld;
import vn.dancham.scoring.ConcernRaised;
import vn.dancham.text.StoredText;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.ScoringSettings;
import vn.dancham.scoring.internal.Aggregates;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.DOSSIER_STAGE;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.RATING;
import static vn.dancham.db.jooq.Tables.RATING_QUESTION;

/**
 * Records a rating in one transaction: attribution, caller identity, supersession of the same caller's earlier
 * answer, the eligibility decision ({@link EligibilityPolicy}, over the facts {@link EligibilityFacts} loads), the
 * per-day aggregates, and the LOWEST_ATTITUDE and {@link RatingsHeld} events (published synchronously, so listeners
 * write in this same transaction).
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
    private final EligibilityFacts facts;
    private final InboxSignal signal;
    private final InboxCommits inbox;

    public RatingRecorder(DSLContext dsl, PlatformTransactionManager transactions, Aggregates aggregates,
                          ApplicationEventPublisher events, Clock clock, ScoringProperties properties) {
        this(dsl, transactions, aggregates, events, clock, ScoringSettings.fixed(properties));
    }

    /** The anti-gaming limits (the daily cap) are read from {@code settings} for every rating. */
    public RatingRecorder(DSLContext dsl, PlatformTransactionManager transactions, Aggregates aggregates,
                          ApplicationEventPublisher events, Clock clock, ScoringSettings settings) {
        this(dsl, transactions, aggregates, events, clock, settings, new InboxSignal());
    }

    /** {@code signal} wakes this node's {@link InboxWriter} after each answer kept by {@link #submit}. */
    public RatingRecorder(DSLContext dsl, PlatformTransactionManager transactions, Aggregates aggregates,
                          ApplicationEventPublisher events, Clock clock, ScoringSettings settings,
                          InboxSignal signal) {
        ScoringProperties properties = settings.configured();
        this.dsl = dsl;
        this.tx = new TransactionTemplate(transactions);
        this.aggregates = aggregates;
        this.events = events;
        this.clock = clock;
        this.settings = settings;
        this.attribution = new Attribution(properties.attribution());
        this.facts = new EligibilityFacts(dsl, settings);
        this.signal = signal;
        this.inbox = new InboxCommits(dsl);
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
        return identityCheck(dossierId, applicant, callerNumber);
    }

    @Override
    public IdentityCheck identityCheck(long dossierId, String applicant, String callerNumber) {
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
        RatingReceipt receipt = retryingLockConflicts(() -> tx.execute(status -> {
            Contributions contributions = Contributions.immediate(aggregates);
            return recordInTransaction(s, contributions);
        }));
        RatingMetrics.stored(s, receipt);
        return receipt;
    }

    /**
     * The answer written into {@code rating_inbox} and committed before this returns: the answer is durable and the
     * caller may hear the next prompt. Callers who answer at the same moment share one statement and one commit
     * ({@link InboxCommits}). The writer is nudged so that it applies the answer within a batch's time.
     */
    @Override
    public boolean submit(RatingSubmission s) {
        if (s.test()) {
            // A test call's answer is for the tester to see at once; it counts nowhere, so it needs no writer.
            record(s);
            return true;
        }
        Instant at = (s.givenAt() != null ? s.givenAt() : clock.instant()).truncatedTo(ChronoUnit.MICROS);
        boolean kept = inbox.keep(new InboxCommits.Answer(s.callId(), s.dossierId(), s.officeId(), s.questionCode(),
                (short) s.value(), s.callerNumber(), at.atOffset(ZoneOffset.UTC),
                s.channel() != null ? s.channel().name() : "PHONE", s.answerKey(), s.knownDigits()));
        signal.nudge();
        return kept;
    }

    /** The inbox's group commits (tests watch and hold them). */
    InboxCommits inbox() {
        return inbox;
    }

    @Override
    public boolean keepAside(vn.dancham.rating.UnappliedAnswer a) {
        String reason = InboxWriter.reason(a.reason());
        int kept = dsl.execute("""
                INSERT INTO rating_inbox (call_id, dossier_id, receipt_no, office_id, question_code, value,
                                          caller_number, given_at, channel, answer_key, known_digits, failed_at,
                                          failure)
                VALUES (?::bigint, ?::bigint, ?, ?::bigint, ?, ?::smallint, ?, ?::timestamptz, 'PHONE', ?, ?, now(), ?)
                ON CONFLICT (answer_key) DO NOTHING""", a.callId(), a.dossierId(), a.receiptNo(), a.officeId(),
                a.questionCode(), (short) a.value(), a.callerNumber(),
                a.givenAt().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC), a.answerKey(), a.knownDigits(),
                reason);
        if (kept == 1) {
            log.error("Rating answer {} could not be applied and is kept aside for HR: {}", a.answerKey(), reason);
        }
        return true;
    }

    @Override
    public List<RatingReceipt> recordAll(List<RatingSubmission> submissions) {
        List<RatingReceipt> receipts = retryingLockConflicts(() -> tx.execute(status -> {
            Contributions contributions = Contributions.immediate(aggregates);
            return submissions.stream().map(s -> recordInTransaction(s, contributions)).toList();
        }));
        for (int i = 0; i < receipts.size(); i++) {
            RatingMetrics.stored(submissions.get(i), receipts.get(i));
        }
        return receipts;
    }

    /**
     * Concurrent ratings update the same aggregate rows (office, district, province, field) in orders PostgreSQL's
     * joins do not fix, so one of two transactions can be chosen as a deadlock victim. The rating writer's batches
     * never meet each other (one writer at a time), but {@link #record} and {@link #recordAll} (test calls, the
     * journal's replay, the citizens' web ratings, imports) run beside them. PostgreSQL's advice is to retry the
     * whole transaction; a caller must never hear "sorry" for it. Only a transaction of our own can be retried:
     * inside a caller's transaction the failure aborts the caller's work too, so it is passed on.
     */
    <T> T retryingLockConflicts(Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        return LOCK_CONFLICTS.invoke(work);
    }

    static final int MAX_ATTEMPTS = 5;

    /** Spring's retry: a few quick tries, spread by jitter so that the two victims do not meet again. */
    private static final RetryTemplate LOCK_CONFLICTS = lockConflictRetries();

    private static RetryTemplate lockConflictRetries() {
        RetryTemplate retries = new RetryTemplate(RetryPolicy.builder()
                .maxRetries(MAX_ATTEMPTS - 1)
                .delay(Duration.ofMillis(5)).jitter(Duration.ofMillis(4)).multiplier(2).maxDelay(Duration.ofMillis(50))
                .predicate(RatingRecorder::isLockConflict)
                .build());
        retries.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
                log.info("Rating transaction lost a lock conflict ({}); retry {} of at most {}",
                        sqlState(state.getLastException()).orElse("?"), state.getRetryCount() + 1, MAX_ATTEMPTS - 1);
            }
        });
        return retries;
    }

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

    /**
     * Records a batch of answers inside the caller's transaction, in order, exactly as {@link #recordInTransaction}
     * would one after the other, but with what does not depend on the earlier answers of the batch looked up once
     * for all of them (issue 16's writer): the advisory locks of every answer key, dossier and caller of the batch
     * in one statement (taken before any of them is recorded, so each answer is recorded under its locks as before),
     * the answers already recorded under their keys, the dossiers with their stages and the offices rated without a
     * dossier. What the eligibility rules read (earlier answers, which the batch's own answers change) is still read
     * per answer, in order.
     *
     * @throws IllegalArgumentException for an unknown question code, dossier or office, as {@link #record}
     */
    List<RatingReceipt> recordBatch(List<RatingSubmission> batch, Contributions contributions) {
        long t0 = System.nanoTime();
        Batch known = prefetch(batch);
        long t1 = System.nanoTime();
        // First what depends on nothing the batch changes (question, dossier, office, attribution), for every answer:
        // an unknown question, dossier or office fails the batch before anything is read or written.
        List<Planned> plans = new ArrayList<>(batch.size());
        int fresh = 0;
        for (RatingSubmission s : batch) {
            Planned p = plan(s, known);
            plans.add(p);
            if (p != null) {
                fresh++;
            }
        }
        var limits = settings.current().antiGaming();
        long t2 = System.nanoTime();
        BatchView view = view(plans, limits);
        long t3 = System.nanoTime();
        // Without a new answer nothing is inserted, so the batch's custom plans need no end.
        java.util.Deque<Long> ids = new java.util.ArrayDeque<>(fresh == 0 ? List.of()
                : dsl.fetch(BATCH_IDS, fresh).getValues(0, Long.class).stream().sorted().toList());
        long t4 = System.nanoTime();
        EligibilityPolicy policy = new EligibilityPolicy(limits);
        Duration officerWindow = limits.callerOfficerWindow().compareTo(limits.lowClusterWindow()) >= 0
                ? limits.callerOfficerWindow() : limits.lowClusterWindow();
        List<BatchView.Row> inserted = new ArrayList<>();
        List<Planned> insertedPlans = new ArrayList<>();
        List<Runnable> events = new ArrayList<>();
        List<RatingReceipt> receipts = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            RatingSubmission s = batch.get(i);
            Planned p = plans.get(i);
            if (p == null || s.answerKey() != null && known.recorded().containsKey(s.answerKey())) {
                // Recorded before, or met twice in this batch: answered as the journal's replay is, with that rating.
                receipts.add(known.recorded().get(s.answerKey()));
                continue;
            }
            RatingReceipt receipt = decide(s, p, ids.removeFirst(), view, policy, limits, officerWindow, inserted,
                    insertedPlans, events, contributions);
            if (s.answerKey() != null) {
                known.recorded().put(s.answerKey(), receipt);
            }
            receipts.add(receipt);
        }
        long t5 = System.nanoTime();
        writeBatch(inserted, insertedPlans, view);
        long t6 = System.nanoTime();
        // After the batch's rows are written, in keep order: listeners (in this transaction) find the ratings.
        events.forEach(Runnable::run);
        if (log.isDebugEnabled()) {
            // Where the "record" step of a batch goes (issue 16's profile): with logging.level.vn.dancham.rating=DEBUG.
            long t7 = System.nanoTime();
            log.debug("Rating batch of {} recorded: locks and lookups {} ms, plans {} ms, facts {} ms ({} rows), "
                            + "ids {} ms, decisions {} ms, insert and updates {} ms, events {} ms", batch.size(),
                    ms(t1 - t0), ms(t2 - t1), ms(t3 - t2), view.size(), ms(t4 - t3), ms(t5 - t4), ms(t6 - t5),
                    ms(t7 - t6));
        }
        return receipts;
    }

    /** What an answer of a batch is, apart from the rules: null when its key was recorded before. */
    private record Planned(RatingSubmission s, long questionId, String criterion, Instant at, Optional<String> caller,
                           Attribution.DossierFacts dossier, long officeId, List<Attribution.Target> targets,
                           String identity, Long primaryOfficer, List<Long> officers) {
    }

    private Planned plan(RatingSubmission s, Batch batch) {
        if (s.answerKey() != null && batch.recorded().containsKey(s.answerKey())) {
            return null;
        }
        Question question = question(s.questionCode());
        Instant at = (s.givenAt() != null ? s.givenAt() : clock.instant()).truncatedTo(ChronoUnit.MICROS);
        Optional<String> caller = PhoneNumbers.normalise(s.callerNumber());
        Attribution.DossierFacts dossier = s.dossierId() == null ? null : batch.dossier(s.dossierId());
        long officeId;
        if (dossier != null) {
            officeId = dossier.receivingOfficeId();
        } else {
            officeId = s.officeId();
            if (!batch.offices().contains(officeId)) {
                throw new IllegalArgumentException("Unknown office " + officeId);
            }
        }
        List<Attribution.Target> targets = attribution.targets(question.criterion(), dossier, officeId, at);
        List<Long> officers = targets.stream().map(Attribution.Target::officerId)
                .filter(java.util.Objects::nonNull).distinct().toList();
        return new Planned(s, question.id(), question.criterion(), at, caller, dossier, officeId, targets,
                Attribution.identity(caller, dossier, s.knownDigits()), officers.isEmpty() ? null : officers.getFirst(),
                officers);
    }

    /**
     * Every rating the batch's answers can meet, in one statement (issue 16; it was one statement per answer, and
     * one more for the answers each supersedes): the batch's callers' live answers from the earliest day or burst
     * window start to the end of the latest day, its dossiers' counted answers and the batch's callers' held ones
     * (withheld callers' too: to the rules they are one caller), its offices' live answers without a dossier over
     * its days, its officers' counted answers of callers other than the applicant within the longer
     * officer window that a rule can weigh ({@link EligibilityPolicy#weighsOfficerAnswer}: anonymous or low, or
     * given by one of the batch's callers), each rating once with its officers and whether HR cleared it; and
     * (kind X) the clearances of the batch's callers. A superset of what each answer's statements would read; {@link BatchView} filters it.
     * <p>
     * The officers' branch reads {@code rating_officer_evidence} (migration V261), which holds exactly the answers
     * it wants, by officer and time: filtered first by the window (the planner's choice for an earlier
     * {@code EXISTS} form) it read every rating of the last 30 days, a sequential scan of the whole table on the
     * ingestion bench (bench/results/2026-12-02-writer-batching.md); started from the officers' targets it read
     * every answer ever attributed to them, held ones included, so that a flood of held answers against an officer
     * was read again by every later batch that touched the officer. Since V265 it reads only the anonymous and low
     * answers (by weight, a range of the key), and the batch's callers' own answers about the officers come from
     * rating by caller number: a busy officer's month of good answers from known callers, which no rule weighs, was
     * read for every batch that touched the officer, so each batch cost more as the month filled up.
     */
    private static final String BATCH_FACTS = """
            WITH ids AS (
                SELECT id FROM rating
                WHERE caller_number = ANY(?::text[]) AND status IN ('COUNTED', 'FLAGGED')
                  AND given_at >= ?::timestamptz AND given_at < ?::timestamptz
                UNION
                SELECT id FROM rating WHERE dossier_id = ANY(?::bigint[]) AND status = 'COUNTED'
                UNION
                SELECT id FROM rating
                WHERE dossier_id = ANY(?::bigint[]) AND (caller_number = ANY(?::text[]) OR caller_number IS NULL)
                  AND status = 'FLAGGED'
                UNION
                SELECT id FROM rating
                WHERE dossier_id IS NULL AND office_id = ANY(?::bigint[]) AND status IN ('COUNTED', 'FLAGGED')
                  AND given_at >= ?::timestamptz AND given_at < ?::timestamptz
                UNION
                SELECT e.rating_id FROM rating_officer_evidence e
                WHERE e.officer_id = ANY(?::bigint[]) AND e.weight <= ?::smallint
                  AND e.given_at > ?::timestamptz AND e.given_at <= ?::timestamptz
                UNION
                SELECT r.id FROM rating r
                WHERE r.caller_number = ANY(?::text[]) AND r.status = 'COUNTED' AND r.identity <> 'VERIFIED'
                  AND r.given_at > ?::timestamptz AND r.given_at <= ?::timestamptz
                  AND EXISTS (SELECT 1 FROM rating_target t
                              WHERE t.rating_id = r.id AND t.officer_id = ANY(?::bigint[])))
            SELECT 'R' AS kind, r.id, r.call_id, r.caller_number, r.dossier_id, r.office_id, r.question_id, r.identity,
                   r.value::int, r.given_at, r.status,
                   (SELECT string_agg(DISTINCT t.officer_id::text, ',') FROM rating_target t
                    WHERE t.rating_id = r.id AND t.officer_id IS NOT NULL) AS officers,
                   EXISTS (SELECT 1 FROM rating_clearance c WHERE c.caller_number = r.caller_number
                           AND c.dossier_id = r.dossier_id) AS cleared
            FROM rating r WHERE r.id = ANY (ARRAY(SELECT id FROM ids))
            UNION ALL
            SELECT 'X', NULL, NULL, c.caller_number, c.dossier_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM rating_clearance c WHERE c.caller_number = ANY(?::text[])""";

    private BatchView view(List<Planned> plans, ScoringProperties.AntiGaming limits) {
        java.util.Set<String> callers = new java.util.LinkedHashSet<>();
        java.util.Set<Long> dossiers = new java.util.LinkedHashSet<>();
        java.util.Set<Long> offices = new java.util.LinkedHashSet<>();
        java.util.Set<Long> officers = new java.util.LinkedHashSet<>();
        Instant first = null;
        Instant last = null;
        for (Planned p : plans) {
            if (p == null || p.s().test()) {
                continue;
            }
            p.caller().ifPresent(callers::add);
            if (p.dossier() != null) {
                dossiers.add(p.dossier().dossierId());
            } else {
                offices.add(p.officeId());
            }
            officers.addAll(p.officers());
            first = first == null || p.at().isBefore(first) ? p.at() : first;
            last = last == null || p.at().isAfter(last) ? p.at() : last;
        }
        if (first == null) {
            return new BatchView(List.of(), java.util.Set.of());
        }
        Duration officerWindow = limits.callerOfficerWindow().compareTo(limits.lowClusterWindow()) >= 0
                ? limits.callerOfficerWindow() : limits.lowClusterWindow();
        OffsetDateTime firstDay = dayStart(first);
        OffsetDateTime burstFrom = first.minus(limits.burstWindow()).atOffset(ZoneOffset.UTC);
        OffsetDateTime callersFrom = burstFrom.isBefore(firstDay) ? burstFrom : firstDay;
        OffsetDateTime lastDayEnd = dayStart(last).plusDays(1);
        String[] callerArray = callers.toArray(String[]::new);
        List<BatchView.Row> rows = new ArrayList<>();
        java.util.Set<String> clearances = new java.util.HashSet<>();
        Long[] dossierArray = dossiers.toArray(Long[]::new);
        Long[] officerArray = officers.toArray(Long[]::new);
        OffsetDateTime officersFrom = first.minus(officerWindow).atOffset(ZoneOffset.UTC);
        OffsetDateTime officersTo = last.atOffset(ZoneOffset.UTC);
        for (Record r : dsl.fetch(BATCH_FACTS, callerArray, callersFrom, lastDayEnd, dossierArray, dossierArray,
                callerArray, offices.toArray(Long[]::new), firstDay, lastDayEnd, officerArray,
                (short) limits.lowClusterMaxValue(), officersFrom, officersTo, callerArray, officersFrom, officersTo,
                officerArray, callerArray)) {
            if ("X".equals(r.get(0, String.class))) {
                clearances.add(BatchView.clearanceKey(r.get(3, String.class), r.get(4, Long.class)));
                continue;
            }
            String rowOfficers = r.get(11, String.class);
            String status = r.get(10, String.class);
            rows.add(new BatchView.Row(r.get(1, Long.class), r.get(2, Long.class), r.get(3, String.class),
                    r.get(4, Long.class), r.get(5, Long.class), r.get(6, Long.class),
                    EligibilityPolicy.Identity.valueOf(r.get(7, String.class)), r.get(8, Integer.class),
                    r.get(9, OffsetDateTime.class).toInstant(),
                    rowOfficers == null ? java.util.Set.of() : java.util.Arrays.stream(rowOfficers.split(","))
                            .map(Long::valueOf).collect(java.util.stream.Collectors.toSet()),
                    Boolean.TRUE.equals(r.get(12, Boolean.class)), status, status));
        }
        return new BatchView(rows, clearances);
    }

    /** recordInTransaction's decision for one answer of a batch, over the batch's view instead of the database. */
    private RatingReceipt decide(RatingSubmission s, Planned p, long id, BatchView view, EligibilityPolicy policy,
                                 ScoringProperties.AntiGaming limits, Duration officerWindow,
                                 List<BatchView.Row> inserted, List<Planned> insertedPlans, List<Runnable> events,
                                 Contributions contributions) {
        String caller = p.caller().orElse(null);
        Long dossierId = p.dossier() != null ? p.dossier().dossierId() : null;
        boolean verified = "VERIFIED".equals(p.identity());
        if (s.test()) {
            BatchView.Row row = row(p, id, "TEST", view);
            inserted.add(row);
            insertedPlans.add(p);
            return new RatingReceipt(id, Outcome.TEST, verified);
        }
        Instant dayStart = dayStart(p.at()).toInstant();
        Instant dayEnd = dayStart(p.at()).plusDays(1).toInstant();
        List<Long> previous = view.previous(s.callId(), dossierId, p.officeId(), p.questionId(), caller, dayStart,
                dayEnd);
        Optional<Long> newer = previous.stream().filter(r -> view.row(r).at.isAfter(p.at())).max(Long::compare);
        if (newer.isPresent()) {
            // Applied after an answer the caller gave later: kept, replaced by that one at once (recordInTransaction:
            // the latest answer given stands, whatever order the answers are applied in).
            BatchView.Row row = row(p, id, "SUPERSEDED", view);
            row.supersededBy = newer.get();
            view.add(row);
            inserted.add(row);
            insertedPlans.add(p);
            return new RatingReceipt(id, Outcome.SUPERSEDED, verified);
        }
        if (!previous.isEmpty()) {
            contributions.subtract(previous.stream().filter(r -> view.row(r).counted()).toList());
            previous.forEach(r -> view.row(r).status = "SUPERSEDED");
        }
        EligibilityFacts.Loaded known = view.facts(caller, dossierId, p.officers(), p.at(), dayStart, dayEnd,
                limits.burstWindow(), officerWindow);
        EligibilityPolicy.Answer answer = new EligibilityPolicy.Answer(EligibilityPolicy.Identity.valueOf(p.identity()),
                caller, dossierId, p.officers(), p.criterion(), s.value(), p.at(),
                caller != null && dossierId != null && known.cleared(),
                "TIMELINESS".equals(p.criterion()) && p.targets().stream().allMatch(t -> "LATE_STAGE".equals(t.reason())));
        EligibilityPolicy.Decision decision = policy.decide(answer, known.facts());
        BatchView.Row row = row(p, id, decision.counts() ? "COUNTED" : "FLAGGED", view);
        if (!decision.counts()) {
            row.flagReason = decision.rule().name();
            row.flagEvidence = decision.evidence();
        }
        view.add(row);
        inserted.add(row);
        insertedPlans.add(p);
        previous.forEach(r -> view.row(r).supersededBy = id);
        if (!decision.counts()) {
            List<Long> others = decision.alsoHold().stream().filter(r -> view.row(r) != null && view.row(r).counted())
                    .sorted().toList();
            if (!others.isEmpty()) {
                contributions.subtract(others);
                List<Long> group = new ArrayList<>(others);
                group.add(id);
                for (Long other : others) {
                    BatchView.Row held = view.row(other);
                    held.status = "FLAGGED";
                    held.flagReason = decision.rule().name();
                    held.flagEvidence = List.copyOf(group);
                }
                String rule = decision.rule().name();
                events.add(() -> this.events.publishEvent(new RatingsHeld(others, rule)));
            }
            return new RatingReceipt(id, decision.rule() == EligibilityPolicy.Rule.DAILY_CAP ? Outcome.CAPPED
                    : Outcome.FLAGGED, verified);
        }
        contributions.add(List.of(id));
        if ("ATTITUDE".equals(p.criterion()) && s.value() == 1 && limits.lowestAttitudeAlert()) {
            events.add(() -> this.events.publishEvent(lowestAttitude(p.targets().getFirst(), p.dossier(), p.at(), id)));
        }
        return new RatingReceipt(id, Outcome.COUNTED, verified);
    }

    private BatchView.Row row(Planned p, long id, String status, BatchView view) {
        Long dossierId = p.dossier() != null ? p.dossier().dossierId() : null;
        String caller = p.caller().orElse(null);
        return new BatchView.Row(id, p.s().callId(), caller, dossierId, p.officeId(), p.questionId(),
                EligibilityPolicy.Identity.valueOf(p.identity()), p.s().value(), p.at(),
                new java.util.HashSet<>(p.officers()), view.cleared(caller, dossierId), null, status);
    }

    /**
     * The batch's new ratings with their targets in one statement, as the batch left them (superseded or held by a
     * later answer of the batch included), and the ratings it changed in another: only if they still have the
     * status the batch read (an HR review may have changed one meanwhile; then the batch is run again from a fresh
     * read, as a lock conflict is).
     */
    private void writeBatch(List<BatchView.Row> inserted, List<Planned> plans, BatchView view) {
        if (!inserted.isEmpty()) {
            int n = inserted.size();
            Long[] id = new Long[n];
            Long[] callId = new Long[n];
            Long[] dossierId = new Long[n];
            Long[] officeId = new Long[n];
            Long[] officerId = new Long[n];
            Long[] questionId = new Long[n];
            String[] criterion = new String[n];
            Short[] value = new Short[n];
            String[] caller = new String[n];
            String[] identity = new String[n];
            String[] channel = new String[n];
            String[] givenAt = new String[n];
            String[] status = new String[n];
            String[] reason = new String[n];
            String[] evidence = new String[n];
            String[] answerKey = new String[n];
            Long[] supersededBy = new Long[n];
            List<Long> tRating = new ArrayList<>();
            List<Short> tSeq = new ArrayList<>();
            List<Long> tOffice = new ArrayList<>();
            List<Long> tOfficer = new ArrayList<>();
            List<Long> tStage = new ArrayList<>();
            List<String> tReason = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                BatchView.Row r = inserted.get(i);
                Planned p = plans.get(i);
                id[i] = r.id;
                callId[i] = r.callId;
                dossierId[i] = r.dossierId;
                officeId[i] = p.targets().getFirst().officeId();
                officerId[i] = p.primaryOfficer();
                questionId[i] = r.questionId;
                criterion[i] = p.criterion();
                value[i] = (short) r.value;
                caller[i] = r.caller;
                identity[i] = p.identity();
                channel[i] = p.s().channel() != null ? p.s().channel().name() : "PHONE";
                givenAt[i] = r.at.toString();
                status[i] = r.status;
                reason[i] = r.flagReason;
                evidence[i] = r.flagEvidence == null ? null : array(r.flagEvidence);
                answerKey[i] = p.s().answerKey();
                supersededBy[i] = r.supersededBy;
                for (int t = 0; t < p.targets().size(); t++) {
                    Attribution.Target target = p.targets().get(t);
                    tRating.add(r.id);
                    tSeq.add((short) (t + 1));
                    tOffice.add(target.officeId());
                    tOfficer.add(target.officerId());
                    tStage.add(target.stageId());
                    tReason.add(target.reason());
                }
            }
            dsl.execute(INSERT_BATCH, id, callId, dossierId, officeId, officerId, questionId, criterion, value, caller,
                    identity, channel, givenAt, status, reason, evidence, answerKey, supersededBy,
                    tRating.toArray(Long[]::new), tSeq.toArray(Short[]::new), tOffice.toArray(Long[]::new),
                    tOfficer.toArray(Long[]::new), tStage.toArray(Long[]::new), tReason.toArray(String[]::new));
        }
        List<BatchView.Row> changed = view.changed();
        if (changed.isEmpty()) {
            return;
        }
        int n = changed.size();
        Long[] id = new Long[n];
        String[] was = new String[n];
        String[] status = new String[n];
        Long[] supersededBy = new Long[n];
        String[] reason = new String[n];
        String[] evidence = new String[n];
        for (int i = 0; i < n; i++) {
            BatchView.Row r = changed.get(i);
            id[i] = r.id;
            was[i] = r.loadedStatus;
            status[i] = r.status;
            supersededBy[i] = r.supersededBy;
            reason[i] = r.flagReason;
            evidence[i] = r.flagEvidence == null ? null : array(r.flagEvidence);
        }
        int updated = dsl.execute(UPDATE_BATCH, id, was, status, supersededBy, reason, evidence);
        if (updated != n) {
            String why = "A rating the batch read changed under it (" + updated + " of " + n + " still as read)";
            throw new org.springframework.dao.CannotAcquireLockException(why, new SQLException(why, "40001"));
        }
    }

    private static String ms(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static String array(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    /**
     * The batch's ratings (ids drawn from the rating sequence) and their targets: one statement. A target takes its
     * rating's time from the rows inserted (V268); a LEFT JOIN, so that a target of a rating not in the batch (a bug)
     * fails on the time's NOT NULL instead of vanishing.
     */
    private static final String INSERT_BATCH = """
            WITH r AS (
                INSERT INTO rating (id, call_id, dossier_id, office_id, officer_id, question_id, criterion, value,
                                    caller_number, identity, channel, given_at, status, flag_reason, flag_evidence,
                                    answer_key, superseded_by)
                OVERRIDING SYSTEM VALUE
                SELECT x.id, x.call_id, x.dossier_id, x.office_id, x.officer_id, x.question_id, x.criterion, x.value,
                       x.caller_number, x.identity, x.channel, x.given_at, x.status, x.flag_reason,
                       x.flag_evidence::bigint[], x.answer_key, x.superseded_by
                FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[],
                            ?::smallint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[],
                            ?::text[], ?::text[], ?::bigint[])
                        AS x (id, call_id, dossier_id, office_id, officer_id, question_id, criterion, value,
                              caller_number, identity, channel, given_at, status, flag_reason, flag_evidence,
                              answer_key, superseded_by)
                ORDER BY x.id
                RETURNING id, given_at)
            INSERT INTO rating_target (rating_id, seq, office_id, officer_id, stage_id, reason, given_at)
            SELECT x.rating_id, x.seq, x.office_id, x.officer_id, x.stage_id, x.reason, r.given_at
            FROM unnest(?::bigint[], ?::smallint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[])
                    AS x (rating_id, seq, office_id, officer_id, stage_id, reason)
                 LEFT JOIN r ON r.id = x.rating_id""";

    /** What the batch made of ratings it read: superseded, held by a burst; only where the status is as read. */
    private static final String UPDATE_BATCH = """
            UPDATE rating r SET status = x.status,
                                superseded_by = coalesce(x.superseded_by, r.superseded_by),
                                flag_reason = coalesce(x.flag_reason, r.flag_reason),
                                flag_evidence = CASE WHEN x.flag_reason IS NULL THEN r.flag_evidence
                                                     ELSE x.flag_evidence::bigint[] END
            FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[])
                    AS x (id, was, status, superseded_by, flag_reason, flag_evidence)
            WHERE r.id = x.id AND r.status = x.was""";

    /** What {@link #recordBatch} looked up once for the whole batch. */
    private record Batch(java.util.Map<String, RatingReceipt> recorded,
                         java.util.Map<Long, Attribution.DossierFacts> dossiers, java.util.Set<Long> offices) {

        Attribution.DossierFacts dossier(long id) {
            Attribution.DossierFacts d = dossiers.get(id);
            if (d == null) {
                throw new IllegalArgumentException("Unknown dossier " + id);
            }
            return d;
        }
    }

    /**
     * The same keys {@link #alreadyRecorded} and the per-answer locks use, for all answers at once; and, in the same
     * round trip, plans made for each statement's own values until {@link #BATCH_IDS} (the batch's lookups and its
     * facts, every one an {@code = ANY} of arrays of the batch's keys, callers, dossiers or officers). pgjdbc
     * prepares a statement on the server from its fifth execution and PostgreSQL may then keep a generic plan, made
     * without the values: for the facts, whose arrays hold hundreds of elements a generic plan cannot know, the
     * writer's log showed a median of 1.03 s per batch of 500 at 16 callers (up to 3.1 s), 82 ms with plans made for
     * the values (bench/results/2026-12-02-writer-batching.md). Only until the ids are drawn: the insert's foreign-key
     * checks are cached plans too, thousands per batch, and planning each again doubled the insert's time.
     */
    private static final String BATCH_LOCKS = """
            SELECT count(*), set_config('plan_cache_mode', 'force_custom_plan', true)
            FROM (SELECT k, pg_advisory_xact_lock(k) AS locked
                  FROM (SELECT DISTINCT hashtext(x)::bigint AS k FROM unnest(?::text[]) AS x ORDER BY 1) AS keys)
                    AS taken""";

    /**
     * The batch's rating ids, in one draw from the rating sequence; and back to the usual plan caching. The sequence
     * is looked up and the setting made once, not for every id (they were, in the select list: 28.5 ms for a batch's
     * ~260 ids, bench/results/2026-12-04-0121-fastagi-small-async-profiler-pg-stat-statements.md).
     */
    private static final String BATCH_IDS = """
            WITH once AS MATERIALIZED (
                SELECT pg_get_serial_sequence('rating', 'id')::regclass AS seq,
                       set_config('plan_cache_mode', 'auto', true) AS plans)
            SELECT nextval(once.seq) FROM once, generate_series(1, ?)""";

    private Batch prefetch(List<RatingSubmission> batch) {
        java.util.Set<String> lockKeys = new java.util.LinkedHashSet<>();
        java.util.Set<String> answerKeys = new java.util.LinkedHashSet<>();
        java.util.Set<Long> dossierIds = new java.util.LinkedHashSet<>();
        java.util.Set<Long> officeIds = new java.util.LinkedHashSet<>();
        for (RatingSubmission s : batch) {
            if (s.answerKey() != null) {
                answerKeys.add(s.answerKey());
                lockKeys.add("answer:" + s.answerKey());
            }
            if (s.dossierId() != null) {
                dossierIds.add(s.dossierId());
            } else if (s.officeId() != null) {
                officeIds.add(s.officeId());
            }
            if (!s.test()) {
                if (s.dossierId() != null) {
                    lockKeys.add("dossier:" + s.dossierId());
                }
                lockKeys.add("caller:" + PhoneNumbers.normalise(s.callerNumber()).orElse("WITHHELD"));
            }
        }
        if (!lockKeys.isEmpty()) {
            // Sorted by key: two batches (or a batch and an answer of the synchronous path, which locks its answer
            // key, dossier and caller in that order) can still meet; a deadlock is retried as before.
            dsl.fetch(BATCH_LOCKS, (Object) lockKeys.toArray(String[]::new));
        }
        java.util.Map<String, RatingReceipt> recorded = new java.util.HashMap<>();
        if (!answerKeys.isEmpty()) {
            dsl.fetch("SELECT answer_key, id, status, flag_reason, identity FROM rating "
                            + "WHERE answer_key = ANY(?::text[])", (Object) answerKeys.toArray(String[]::new))
                    .forEach(r -> recorded.put(r.get(0, String.class), receipt(r.get(1, Long.class),
                            r.get(2, String.class), r.get(3, String.class), r.get(4, String.class))));
        }
        java.util.Map<Long, Attribution.DossierFacts> dossiers = dossiers(dossierIds);
        java.util.Set<Long> offices = new java.util.HashSet<>();
        if (!officeIds.isEmpty()) {
            offices.addAll(dsl.fetch("SELECT id FROM office WHERE id = ANY(?::bigint[])",
                    (Object) officeIds.toArray(Long[]::new)).getValues(0, Long.class));
        }
        return new Batch(recorded, dossiers, offices);
    }

    private java.util.Map<Long, Attribution.DossierFacts> dossiers(java.util.Collection<Long> ids) {
        java.util.Map<Long, Attribution.DossierFacts> byId = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        Long[] array = ids.toArray(Long[]::new);
        java.util.Map<Long, List<Attribution.StageFacts>> stages = new java.util.HashMap<>();
        dsl.fetch("""
                SELECT dossier_id, id, seq, office_id, officer_id, started_at, due_at, finished_at FROM dossier_stage
                WHERE dossier_id = ANY(?::bigint[]) ORDER BY dossier_id, seq""", (Object) array)
                .forEach(r -> stages.computeIfAbsent(r.get(0, Long.class), k -> new ArrayList<>())
                        .add(new Attribution.StageFacts(r.get(1, Long.class), r.get(2, Integer.class),
                                r.get(3, Long.class), r.get(4, Long.class), instant(r.get(5, OffsetDateTime.class)),
                                instant(r.get(6, OffsetDateTime.class)), instant(r.get(7, OffsetDateTime.class)))));
        dsl.fetch("""
                SELECT id, receipt_no, receiving_office_id, receiving_officer_id, applicant_phone FROM dossier
                WHERE id = ANY(?::bigint[])""", (Object) array)
                .forEach(r -> byId.put(r.get(0, Long.class), new Attribution.DossierFacts(r.get(0, Long.class),
                        r.get(1, String.class), r.get(2, Long.class), r.get(3, Long.class), r.get(4, String.class),
                        List.copyOf(stages.getOrDefault(r.get(0, Long.class), List.of())))));
        return byId;
    }

    private static RatingReceipt receipt(long id, String status, String flagReason, String identity) {
        return new RatingReceipt(id,
                "TEST".equals(status) ? Outcome.TEST
                        : !"FLAGGED".equals(status) ? Outcome.COUNTED
                        : "DAILY_CAP".equals(flagReason) ? Outcome.CAPPED : Outcome.FLAGGED,
                "VERIFIED".equals(identity));
    }

    /**
     * Records one answer inside the caller's transaction; its aggregate contributions go to {@code contributions}
     * (applied at once, or once per batch by the {@link InboxWriter}).
     */
    RatingReceipt recordInTransaction(RatingSubmission s, Contributions contributions) {
        if (s.answerKey() != null) {
            Optional<RatingReceipt> earlier = alreadyRecorded(s.answerKey());
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Question question = question(s.questionCode());
        long questionId = question.id();
        String criterion = question.criterion();
        Instant at = (s.givenAt() != null ? s.givenAt() : clock.instant()).truncatedTo(ChronoUnit.MICROS);
        Optional<String> caller = PhoneNumbers.normalise(s.callerNumber());
        Attribution.DossierFacts dossier = s.dossierId() == null ? null : dossier(s.dossierId());
        if (!s.test()) {
            // The rules compare a caller's answers with each other and a dossier's answers with each other:
            // serialise both (always in this order, so two answers cannot wait on each other). The writer's batches
            // take the same locks for all their answers at once (recordBatch).
            if (dossier != null) {
                dsl.fetch("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?))) AS locked",
                        "dossier:" + dossier.dossierId());
            }
            dsl.fetch("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext(?))) AS locked",
                    "caller:" + caller.orElse("WITHHELD"));
        }
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
        List<Long> officers = targets.stream().map(Attribution.Target::officerId)
                .filter(java.util.Objects::nonNull).distinct().toList();

        if (s.test()) {
            // A test call's answer is kept for the tester to see and nothing else: it replaces nothing, counts
            // nowhere and raises no alert.
            long id = insert(s, dossier, targets, primaryOfficer, questionId, criterion, caller, identity, at, "TEST",
                    EligibilityPolicy.Decision.COUNT);
            return new RatingReceipt(id, Outcome.TEST, "VERIFIED".equals(identity));
        }

        // Latest wins: the same caller's earlier answer to this question about this dossier is replaced, whatever
        // the rules decide about the new one, so one caller never has two answers that add up.
        Map<Long, Instant> live = previousAnswers(s, dossier, officeId, questionId, caller, at);
        Optional<Long> newer = live.entrySet().stream().filter(e -> e.getValue().isAfter(at))
                .map(Map.Entry::getKey).max(Long::compare);
        if (newer.isPresent()) {
            // An answer applied after one the same caller gave later (a journal replayed after an
            // outage, an answer the writer set aside and HR sent again) must not replace the newer one: the latest
            // answer *given* stands, whatever order they reach the database in. It is kept, replaced at once.
            long id = insert(s, dossier, targets, primaryOfficer, questionId, criterion, caller, identity, at,
                    "SUPERSEDED", EligibilityPolicy.Decision.COUNT);
            dsl.update(RATING).set(RATING.SUPERSEDED_BY, newer.get()).where(RATING.ID.eq(id)).execute();
            return new RatingReceipt(id, Outcome.SUPERSEDED, "VERIFIED".equals(identity));
        }
        List<Long> previous = List.copyOf(live.keySet());
        if (!previous.isEmpty()) {
            contributions.subtract(counted(previous));
            dsl.update(RATING).set(RATING.STATUS, "SUPERSEDED").where(RATING.ID.in(previous)).execute();
        }

        var limits = settings.current().antiGaming();
        // The facts and the clearance in one round trip (they used to be five).
        EligibilityFacts.Loaded known = facts.load(caller.orElse(null), dossier != null ? dossier.dossierId() : null,
                officers, at, limits);
        EligibilityPolicy.Answer answer = new EligibilityPolicy.Answer(EligibilityPolicy.Identity.valueOf(identity),
                caller.orElse(null), dossier != null ? dossier.dossierId() : null, officers, criterion, s.value(), at,
                caller.isPresent() && dossier != null && known.cleared(),
                "TIMELINESS".equals(criterion) && targets.stream().allMatch(t -> "LATE_STAGE".equals(t.reason())));
        EligibilityPolicy.Decision decision = new EligibilityPolicy(limits).decide(answer, known.facts());

        String status = decision.counts() ? "COUNTED" : "FLAGGED";
        long id = insert(s, dossier, targets, primaryOfficer, questionId, criterion, caller, identity, at, status,
                decision);
        if (!previous.isEmpty()) {
            dsl.update(RATING).set(RATING.SUPERSEDED_BY, id).where(RATING.ID.in(previous)).execute();
        }
        if (!decision.counts()) {
            hold(decision.alsoHold(), decision.rule(), id, contributions);
            return new RatingReceipt(id, decision.rule() == EligibilityPolicy.Rule.DAILY_CAP ? Outcome.CAPPED
                    : Outcome.FLAGGED, "VERIFIED".equals(identity));
        }
        contributions.add(List.of(id));
        if ("ATTITUDE".equals(criterion) && s.value() == 1 && limits.lowestAttitudeAlert()) {
            events.publishEvent(lowestAttitude(targets.getFirst(), dossier, at, id));
        }
        return new RatingReceipt(id, Outcome.COUNTED, "VERIFIED".equals(identity));
    }

    private long insert(RatingSubmission s, Attribution.DossierFacts dossier, List<Attribution.Target> targets,
                        Long primaryOfficer, long questionId, String criterion, Optional<String> caller,
                        String identity, Instant at, String status, EligibilityPolicy.Decision decision) {
        Short[] seq = new Short[targets.size()];
        Long[] offices = new Long[targets.size()];
        Long[] officers = new Long[targets.size()];
        Long[] stages = new Long[targets.size()];
        String[] reasons = new String[targets.size()];
        for (int i = 0; i < targets.size(); i++) {
            Attribution.Target t = targets.get(i);
            seq[i] = (short) (i + 1);
            offices[i] = t.officeId();
            officers[i] = t.officerId();
            stages[i] = t.stageId();
            reasons[i] = t.reason();
        }
        return dsl.fetchOne(INSERT_RATING, s.callId(), dossier != null ? dossier.dossierId() : null,
                targets.getFirst().officeId(), primaryOfficer, questionId, criterion, (short) s.value(),
                caller.orElse(null), identity, s.channel() != null ? s.channel().name() : "PHONE",
                at.atOffset(ZoneOffset.UTC), status, decision.counts() ? null : decision.rule().name(),
                decision.counts() ? null : decision.evidence().toArray(Long[]::new), s.answerKey(),
                seq, offices, officers, stages, reasons).get(0, Long.class);
    }

    /**
     * The rating and its targets in one statement (issue 16: one round trip instead of two, rendered once instead
     * of by jOOQ's DSL for every answer).
     */
    private static final String INSERT_RATING = """
            WITH r AS (
                INSERT INTO rating (call_id, dossier_id, office_id, officer_id, question_id, criterion, value,
                                    caller_number, identity, channel, given_at, status, flag_reason, flag_evidence,
                                    answer_key)
                VALUES (?::bigint, ?::bigint, ?::bigint, ?::bigint, ?::bigint, ?, ?::smallint, ?, ?, ?, ?::timestamptz,
                        ?, ?, ?::bigint[], ?)
                RETURNING id, given_at),
            t AS (
                INSERT INTO rating_target (rating_id, seq, office_id, officer_id, stage_id, reason, given_at)
                SELECT r.id, x.seq, x.office_id, x.officer_id, x.stage_id, x.reason, r.given_at
                FROM r, unnest(?::smallint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::text[])
                        AS x (seq, office_id, officer_id, stage_id, reason))
            SELECT id FROM r""";

    /**
     * Holds the other counted answers of a detected pattern, taking them out of the aggregates, and tells the
     * listeners (an alert raised on one of them is withdrawn).
     */
    private void hold(List<Long> ids, EligibilityPolicy.Rule rule, long newId, Contributions contributions) {
        if (ids.isEmpty()) {
            return;
        }
        // Other callers' answers are not under this transaction's advisory locks: lock the rows (in id order) and
        // re-read their status, so two answers that see the same pattern cannot both take one answer out.
        List<Long> others = dsl.select(RATING.ID).from(RATING).where(RATING.ID.in(ids), RATING.STATUS.eq("COUNTED"))
                .orderBy(RATING.ID).forUpdate().fetch(RATING.ID);
        if (others.isEmpty()) {
            return;
        }
        contributions.subtract(others);
        List<Long> group = new ArrayList<>(others);
        group.add(newId);
        dsl.update(RATING).set(RATING.STATUS, "FLAGGED").set(RATING.FLAG_REASON, rule.name())
                .set(RATING.FLAG_EVIDENCE, group.toArray(Long[]::new))
                .where(RATING.ID.in(others)).execute();
        events.publishEvent(new RatingsHeld(others, rule.name()));
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
                        "TEST".equals(r.value2()) ? Outcome.TEST
                                : !"FLAGGED".equals(r.value2()) ? Outcome.COUNTED
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
     * rated without a dossier, the same local day. Without a caller number, every withheld answer about the dossier
     * matches; about an office without a dossier, only answers in the same call.
     */
    private Map<Long, Instant> previousAnswers(RatingSubmission s, Attribution.DossierFacts dossier, long officeId,
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
        } else if (dossier != null) {
            // Withheld callers cannot be told apart: about one dossier they are one caller, so their answers
            // never add up (the latest stands for all of them).
            condition = condition.and(RATING.CALLER_NUMBER.isNull());
        } else if (s.callId() != null) {
            condition = condition.and(RATING.CALLER_NUMBER.isNull()).and(RATING.CALL_ID.eq(s.callId()));
        } else {
            return Map.of();
        }
        Map<Long, Instant> live = new java.util.TreeMap<>();
        dsl.select(RATING.ID, RATING.GIVEN_AT).from(RATING).where(condition).forUpdate()
                .forEach(r -> live.put(r.value1(), r.value2().toInstant()));
        return live;
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
        StoredText detail = dossier != null
                ? StoredText.of("concern.detail.LOWEST_ATTITUDE.dossier", dossier.receiptNo(),
                        office.get("name", String.class), ratingId)
                : StoredText.of("concern.detail.LOWEST_ATTITUDE", office.get("name", String.class), ratingId);
        return new ConcernRaised(ConcernRaised.Kind.LOWEST_ATTITUDE, officer ? "OFFICER" : "OFFICE",
                officer ? target.officerId() : target.officeId(), name, target.officeId(),
                office.get("unit_id", Long.class), null, 1, "", null, detail, at, List.of(ratingId));
    }

    private OffsetDateTime dayStart(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, settings.current().zone());
        return day.atStartOfDay(settings.current().zone()).toOffsetDateTime();
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
