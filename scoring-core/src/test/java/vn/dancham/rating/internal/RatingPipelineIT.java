package vn.dancham.rating.internal;

import com.zaxxer.hikari.HikariDataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.transaction.PlatformTransactionManager;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.RatingSubmission.Channel;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.internal.Aggregates;
import vn.dancham.scoring.test.ScoringCoreFixture;
import vn.dancham.scoring.test.World;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The answer pipeline over the real PostgreSQL: answers kept in {@code rating_inbox} by {@code Ratings.submit}, then
 * applied by rating writers as separate nodes would run them (each with its own connection pool, recorder and
 * transaction manager). Compared with the same answers recorded one by one, in the same order, on another fresh
 * database: the statuses, holds and their evidence, and the aggregates must be the same, and the aggregates equal to
 * a recomputation from the raw rows.
 */
class RatingPipelineIT {

    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");

    final List<ScoringCoreFixture> fixtures = new ArrayList<>();
    final List<HikariDataSource> nodes = new ArrayList<>();

    @AfterEach
    void tearDown() {
        nodes.forEach(HikariDataSource::close);
        fixtures.forEach(ScoringCoreFixture::close);
    }

    @Test
    void twoWritersApplyAShuffledStreamExactlyOnceAndAsOneByOne() throws Exception {
        ScoringCoreFixture serial = fixture();
        List<RatingSubmission> stream = stream(serial, 7);
        for (RatingSubmission s : stream) {
            try {
                serial.ratings.record(s);
            } catch (IllegalArgumentException unknownQuestion) {
                // the one unusable answer of the stream: refused by the synchronous path, set aside by the writer
            }
        }

        ScoringCoreFixture piped = fixture();
        assertThat(stream(piped, 7)).isEqualTo(stream);
        for (RatingSubmission s : stream) {
            assertThat(piped.ratings.submit(s)).isTrue();
        }
        assertThat(piped.ratings.submit(stream.getFirst())).as("the same answer key kept twice").isFalse();
        assertThat(piped.value(Integer.class, "SELECT count(*)::int FROM rating")).isZero();

        InboxWriter nodeA = writer(piped, piped.events::add, 7);
        InboxWriter nodeB = writer(piped, piped.events::add, 7);
        CountDownLatch go = new CountDownLatch(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        int[] handled = new int[2];
        List<Thread> threads = new ArrayList<>();
        InboxWriter[] writers = {nodeA, nodeB};
        for (int i = 0; i < 2; i++) {
            int n = i;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    handled[n] = writers[n].applyPending();
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        System.out.printf("[pipeline] %d answers: node A handled %d, node B %d%n", stream.size(), handled[0],
                handled[1]);
        assertThat(failures).isEmpty();
        assertThat(handled[0] + handled[1]).as("each answer handled once").isEqualTo(stream.size());
        assertThat(nodeA.waiting()).isZero();
        assertThat(nodeA.setAside()).isEqualTo(1);
        assertThat(piped.value(String.class, "SELECT failure FROM rating_inbox WHERE failed_at IS NOT NULL"))
                .contains("NO_SUCH_QUESTION");

        assertThat(piped.value(Integer.class, "SELECT count(*)::int FROM rating")).isEqualTo(stream.size() - 1);
        assertThat(piped.value(Integer.class, "SELECT count(*)::int FROM (SELECT answer_key FROM rating "
                + "GROUP BY answer_key HAVING count(*) > 1) d")).as("no answer applied twice").isZero();
        assertThat(outcomes(piped)).as("statuses, holds and evidence as recorded one by one")
                .isEqualTo(outcomes(serial));
        assertThat(outcomes(piped).values()).as("the stream exercises the rules")
                .anyMatch(o -> o.startsWith("FLAGGED")).anyMatch(o -> o.startsWith("SUPERSEDED"));
        assertThat(aggregates(piped)).as("aggregates as recorded one by one").isEqualTo(aggregates(serial));
        assertThat(eventKinds(piped)).containsKey("ConcernRaised").isEqualTo(eventKinds(serial));
        assertThat(piped.officerEvidenceMismatches()).as("officers' evidence after the writers").isEmpty();
        assertThat(serial.officerEvidenceMismatches()).as("officers' evidence after one by one").isEmpty();
        List<Map<String, Object>> incremental = aggregates(piped);
        piped.maintenance.recomputeAll();
        assertThat(aggregates(piped)).as("aggregates as a recomputation from the raw rows").isEqualTo(incremental);
    }

    @Test
    void answersOfABatchThatDiesMidwayWaitAndAreAppliedByTheNextClaim() {
        ScoringCoreFixture f = fixture();
        List<RatingSubmission> stream = stream(f, 3).stream()
                .filter(s -> !s.questionCode().equals("NO_SUCH_QUESTION")).toList();
        stream.forEach(f.ratings::submit);
        int waiting = stream.size();

        // The writer's database session dies in the middle of its batch (as when its node is killed): at the first
        // event its recorder publishes, after its one batch's ratings were already written in the transaction.
        AtomicBoolean crashed = new AtomicBoolean();
        DSLContext[] own = new DSLContext[1];
        InboxWriter crashing = writer(f, event -> {
            if (crashed.compareAndSet(false, true)) {
                own[0].execute("SELECT pg_terminate_backend(pg_backend_pid())");
            }
        }, 1000, own);
        assertThatThrownBy(crashing::applyPending).isInstanceOf(RuntimeException.class);
        assertThat(crashed).isTrue();
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating_inbox WHERE failed_at IS NULL"))
                .as("every answer still waiting").isEqualTo(waiting);
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating")).isZero();
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating_daily")).isZero();

        InboxWriter next = writer(f, f.events::add, 7);
        assertThat(next.applyPending()).isEqualTo(waiting);
        assertThat(next.waiting()).isZero();
        assertThat(f.value(Integer.class, "SELECT count(DISTINCT answer_key)::int FROM rating")).isEqualTo(waiting);
        List<Map<String, Object>> incremental = aggregates(f);
        f.maintenance.recomputeAll();
        assertThat(aggregates(f)).isEqualTo(incremental);
    }

    /**
     * The writer claims and deletes its batches with plans made for the inbox as it is now, never with a plan kept from
     * when the inbox was near empty, its steady state. Kept plans (PostgreSQL's generic ones, chosen after five
     * executions of a prepared statement) read the whole inbox for each batch once a backlog builds (a burst of calls,
     * the writer held up): behind 130,000 waiting answers the kept plan deleted a batch of 500 in 286 ms, a plan made
     * for the inbox as it is in 0.46 ms (ScaleMeasurementIT.theWritersStatementsBehindABacklog), so the catch-up
     * slowed as the backlog grew, when it must be fastest. The ingestion benchmark saw its writer fall to
     * 1,288 answers/s behind 130,221 waiting (bench/results/2026-12-06-ingest-analyze.md).
     */
    @Test
    void theWriterClaimsAndDeletesWithPlansMadeForTheInboxAsItIsNow() throws Exception {
        ScoringCoreFixture f = fixture();
        List<RatingSubmission> stream = stream(f, 5).stream()
                .filter(s -> !s.questionCode().equals("NO_SUCH_QUESTION")).toList();
        Node node = node(f, 3, Duration.ofMinutes(10), Duration.ZERO);
        HikariDataSource pool = nodes.getLast();
        // The steady state: a few answers at a time, each batch claimed from a near-empty inbox.
        int applied = 0;
        for (int i = 0; i + 3 <= 30; i += 3) {
            stream.subList(i, i + 3).forEach(f.ratings::submit);
            applied += node.writer().applyPending();
        }
        assertThat(applied).isEqualTo(30);
        // Then a backlog.
        stream.subList(30, stream.size()).forEach(f.ratings::submit);
        assertThat(node.writer().applyPending()).isEqualTo(stream.size() - 30);
        assertThat(node.writer().waiting()).isZero();
        // What the writer's connections prepared: every plan of the claim and of the delete made for its values.
        List<Map<String, Object>> plans = new ArrayList<>();
        try (java.sql.Connection a = pool.getConnection(); java.sql.Connection b = pool.getConnection()) {
            for (java.sql.Connection c : List.of(a, b)) {
                try (var rs = c.createStatement().executeQuery("SELECT statement, generic_plans, custom_plans "
                        + "FROM pg_prepared_statements WHERE statement LIKE '%FROM rating_inbox_claim(%' "
                        + "OR statement LIKE 'DELETE FROM rating_inbox%'")) {
                    while (rs.next()) {
                        plans.add(Map.of("statement", rs.getString(1).strip().substring(0, 30),
                                "generic", rs.getLong(2), "custom", rs.getLong(3)));
                    }
                }
            }
        }
        assertThat(plans).as("the claim and the delete, prepared on the server").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(p -> assertThat(p.get("generic")).as(p.toString()).isEqualTo(0L));
    }

    /**
     * The writer's claim reads the waiting answers in the order they were kept and stops at its batch, whatever the
     * planner believes of the inbox. An inbox analysed only while empty (a new installation, until autovacuum analyses
     * it during a backlog) has no statistics on {@code failed_at}; PostgreSQL then guesses that 0.5 % of the rows
     * wait, and behind a backlog it read every waiting answer and sorted them all to claim one batch: 56 ms a batch
     * of 500 behind 130,000 (ScaleMeasurementIT.theWritersStatementsBehindABacklog), so the catch-up slowed as the
     * backlog grew. Counted by PostgreSQL on the writer's own transaction, right after its claim.
     */
    @Test
    void theWriterClaimsABatchWithoutReadingTheWholeBacklog() {
        ScoringCoreFixture f = fixture();
        f.dsl.execute("ANALYZE rating_inbox");
        List<RatingSubmission> stream = stream(f, 5).stream()
                .filter(s -> !s.questionCode().equals("NO_SUCH_QUESTION")).toList();
        stream.forEach(f.ratings::submit);
        // A backlog of 151 times the stream: the same answers under other keys.
        f.dsl.execute("""
                INSERT INTO rating_inbox (call_id, dossier_id, office_id, question_code, value, caller_number,
                    given_at, channel, answer_key, known_digits, receipt_no)
                SELECT call_id, dossier_id, office_id, question_code, value, caller_number, given_at, channel,
                       answer_key || '/' || g, known_digits, receipt_no
                FROM rating_inbox, generate_series(1, 150) g ORDER BY g, id""");
        int waiting = f.value(Integer.class, "SELECT count(*)::int FROM rating_inbox");
        assertThat(waiting).isGreaterThan(20_000);
        List<Long> read = new CopyOnWriteArrayList<>();
        org.jooq.ExecuteListener afterClaim = new org.jooq.ExecuteListener() {
            @Override
            public void executeEnd(org.jooq.ExecuteContext ctx) {
                if (ctx.sql() != null && ctx.sql().contains("rating_inbox") && read.isEmpty()) {
                    try (var rs = ctx.connection().createStatement().executeQuery("SELECT seq_tup_read "
                            + "+ idx_tup_fetch FROM pg_stat_xact_user_tables WHERE relname = 'rating_inbox'")) {
                        rs.next();
                        read.add(rs.getLong(1));
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        InboxWriter writer = writer(f, f.events::add, 500, afterClaim);
        assertThat(writer.applyBatch(500, new ArrayList<>())).isEqualTo(500);
        System.out.printf("[pipeline] the claim of 500 behind %d waiting answers read %s rows of the inbox%n", waiting,
                read);
        assertThat(read).as("rows of the inbox read to claim 500 of %d waiting", waiting).singleElement()
                .satisfies(n -> assertThat(n).isLessThanOrEqualTo(500L));
    }

    @Test
    void anAnswerWhoseRecordingFailsIsSetAsideAndTheOthersGoOn() {
        ScoringCoreFixture f = fixture();
        List<RatingSubmission> stream = stream(f, 5).stream()
                .filter(s -> !s.questionCode().equals("NO_SUCH_QUESTION")).toList();
        stream.forEach(f.ratings::submit);

        // A listener with a bug: every LOWEST_ATTITUDE alert throws. Its batch fails, and would fail again forever;
        // the writer finds the answers one by one and keeps those aside, with the reason, instead of losing them.
        InboxWriter writer = writer(f, event -> {
            if (event instanceof vn.dancham.scoring.ConcernRaised) {
                throw new IllegalStateException("listener bug");
            }
            f.events.add(event);
        }, 7);
        assertThat(writer.applyPending()).isEqualTo(stream.size());
        assertThat(writer.waiting()).isZero();
        int aside = writer.setAside();
        assertThat(aside).isPositive();
        assertThat(f.strings("SELECT question_code || '=' || value || ' ' || failure FROM rating_inbox"))
                .hasSize(aside).allMatch(r -> r.equals("ATTITUDE=1 listener bug"));
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating")).isEqualTo(stream.size() - aside);
        List<Map<String, Object>> incremental = aggregates(f);
        f.maintenance.recomputeAll();
        assertThat(aggregates(f)).isEqualTo(incremental);
    }

    /**
     * Issue 16's set-based writer: the whole stream in one batch, so that the counting rules' limits are reached by
     * answers of the same batch (the burst number's answers hold each other, twelve numbers fill one dossier's
     * places, withheld callers and re-ratings supersede answers of the same batch, an office rated without a dossier
     * twice in a day, a caller whose answers about one dossier HR cleared before the batch). Decided from one read of
     * the batch's facts, in memory, it must leave exactly what recording the answers one by one leaves: statuses,
     * rules, evidence, supersessions, aggregates, events.
     */
    @Test
    void oneBatchWhoseAnswersMeetEachOtherDecidesAsOneByOne() {
        java.util.Set<String> reached = new java.util.TreeSet<>();
        for (int seed : new int[] {13, 17}) {
            ScoringCoreFixture serial = fixture();
            ScoringCoreFixture piped = fixture();
            List<RatingSubmission> stream = stream(serial, seed).stream()
                    .filter(s -> !s.questionCode().equals("NO_SUCH_QUESTION")).toList();
            assertThat(stream(piped, seed).stream().filter(s -> !s.questionCode().equals("NO_SUCH_QUESTION")))
                    .isEqualTo(stream);
            // The first answers recorded, then HR clears the burst number about the first dossier (its answers there
            // fill the limits but are no evidence of a pattern), in both databases alike.
            List<RatingSubmission> before = stream.subList(0, 20);
            List<RatingSubmission> rest = stream.subList(20, stream.size());
            for (ScoringCoreFixture f : List.of(serial, piped)) {
                before.forEach(f.ratings::record);
                f.dsl.execute("""
                        INSERT INTO rating_clearance (caller_number, dossier_id, rating_id, cleared_at)
                        SELECT '0977000001', d.id, (SELECT min(id) FROM rating), now()
                        FROM dossier d WHERE d.receipt_no = '2026000700'""");
            }
            rest.forEach(serial.ratings::record);
            rest.forEach(piped.ratings::submit);
            InboxWriter writer = writer(piped, piped.events::add, 1000);
            assertThat(writer.applyPending()).isEqualTo(rest.size());

            assertThat(outcomes(piped)).as("seed %d: statuses, holds and evidence as one by one", seed)
                    .isEqualTo(outcomes(serial));
            outcomes(piped).values().forEach(o -> reached.add(o.substring(0, o.indexOf(' ', o.indexOf(' ') + 1))));
            assertThat(aggregates(piped)).as("aggregates as one by one").isEqualTo(aggregates(serial));
            assertThat(eventKinds(piped)).isEqualTo(eventKinds(serial));
            String targets = "SELECT r.answer_key || ' ' || t.seq || ' ' || t.office_id || ' ' "
                    + "|| coalesce(t.officer_id, 0) || ' ' || coalesce(t.stage_id, 0) || ' ' || t.reason "
                    + "FROM rating_target t JOIN rating r ON r.id = t.rating_id ORDER BY 1";
            assertThat(piped.strings(targets)).as("targets as one by one").isEqualTo(serial.strings(targets))
                    .hasSizeGreaterThanOrEqualTo(stream.size());
            List<Map<String, Object>> incremental = aggregates(piped);
            piped.maintenance.recomputeAll();
            assertThat(aggregates(piped)).as("aggregates as a recomputation").isEqualTo(incremental);
        }
        assertThat(reached).as("the batches reach the rules' limits and supersede their own answers")
                .contains("FLAGGED BURST", "FLAGGED DOSSIER_CALLERS", "FLAGGED CALLER_OFFICER", "FLAGGED ANONYMOUS_LOW",
                        "SUPERSEDED CALLER_OFFICER", "COUNTED null");
    }

    /**
     * The set-based writer reads a batch's facts once, without row locks: HR releasing a held answer between that
     * read and the batch's writes (a review takes no advisory lock) must not be overwritten. The batch's update of the
     * ratings it read applies only where their status is still as read; here it is not, so the batch rolls back and
     * runs again from a fresh read, and the re-rating supersedes the released (now counted) answer, taking it out of
     * the aggregates as answer-by-answer would after the review.
     */
    @Test
    void aRatingReleasedWhileTheBatchDecidesMakesItRunAgainFromAFreshRead() {
        ScoringCoreFixture f = fixture();
        stream(f, 3);
        long dossier = f.value(Long.class, "SELECT id FROM dossier WHERE receipt_no = '2026000700'");
        assertThat(f.ratings.record(new RatingSubmission(null, dossier, null, "ATTITUDE", 1, null, NOW,
                Channel.PHONE, "review/1", null, false)).outcome())
                .isEqualTo(vn.dancham.rating.RatingReceipt.Outcome.FLAGGED);
        long held = f.value(Long.class, "SELECT id FROM rating WHERE answer_key = 'review/1'");
        f.ratings.submit(new RatingSubmission(null, dossier, null, "ATTITUDE", 2, null, NOW.plusSeconds(60),
                Channel.PHONE, "review/2", null, false));
        RatingReviews reviews = new RatingReviews(f.dsl, f.transactions, f.aggregates, f.clock);
        List<Object> reviewed = new CopyOnWriteArrayList<>();
        List<String> factReads = new CopyOnWriteArrayList<>();
        org.jooq.ExecuteListener hr = new org.jooq.ExecuteListener() {
            @Override
            public void executeEnd(org.jooq.ExecuteContext ctx) {
                if (ctx.sql() != null && ctx.sql().startsWith("WITH ids AS")) {
                    factReads.add(ctx.sql());
                    if (reviewed.isEmpty()) {
                        reviewed.add(reviews.review(held, true, null));
                    }
                }
            }
        };
        InboxWriter writer = writer(f, f.events::add, 500, hr);
        assertThat(writer.applyPending()).isEqualTo(1);
        assertThat(reviewed).containsExactly(vn.dancham.rating.RatingReview.Result.COUNTED);
        assertThat(factReads).as("the batch read its facts again after the review").hasSize(2);
        assertThat(f.strings("SELECT r.status || ' ' || coalesce(s.answer_key, '-') FROM rating r "
                + "LEFT JOIN rating s ON s.id = r.superseded_by WHERE r.id = ?", held))
                .containsExactly("SUPERSEDED review/2");
        List<Map<String, Object>> incremental = aggregates(f);
        f.maintenance.recomputeAll();
        assertThat(aggregates(f)).as("the released answer counted, then taken out by its re-rating")
                .isEqualTo(incremental);
    }

    /**
     * Issue 16's writer: what was looked up and locked once per answer (its key, dossier and caller locks, the key's
     * earlier rating, the dossier and its stages, five queries of eligibility facts, the rating and its targets) is
     * done once per batch or in one statement per answer. Counted at jOOQ's boundary on the writer's own connection:
     * one batch of the whole stream takes its advisory locks in two statements (the writer lock, then every key of
     * the batch), and the answers cost a few statements each, not fourteen; the locks are really held (read from
     * pg_locks inside the batch, when the applicant's 1 for attitude is published).
     */
    @Test
    void aBatchTakesItsLocksInOneStatementAndAFixedNumberOfStatements() {
        ScoringCoreFixture f = fixture();
        List<RatingSubmission> stream = stream(f, 11).stream()
                .filter(s -> !s.questionCode().equals("NO_SUCH_QUESTION")).toList();
        stream.forEach(f.ratings::submit);

        List<String> statements = new CopyOnWriteArrayList<>();
        org.jooq.ExecuteListener counting = new org.jooq.ExecuteListener() {
            @Override
            public void executeStart(org.jooq.ExecuteContext ctx) {
                statements.add(ctx.sql());
            }
        };
        DSLContext[] own = new DSLContext[1];
        List<Integer> heldLocks = new CopyOnWriteArrayList<>();
        InboxWriter writer = writer(f, event -> {
            if (event instanceof vn.dancham.scoring.ConcernRaised && heldLocks.isEmpty()) {
                heldLocks.add(own[0].fetchOne("SELECT count(*)::int FROM pg_locks WHERE locktype = 'advisory' "
                        + "AND pid = pg_backend_pid()").get(0, Integer.class));
            }
            f.events.add(event);
        }, 1000, counting, own);
        assertThat(writer.applyPending()).isEqualTo(stream.size());
        List<String> batch = statements.stream().filter(sql -> !sql.contains("pg_locks")).toList();
        // The per-key locks (answer key, dossier, caller: hashtext of each) apart from the writer lock (a batch that is
        // not full ends applyPending: no second, empty claim since issue 16's third step).
        long lockStatements = batch.stream().filter(sql -> sql.contains("pg_advisory_xact_lock")
                && sql.contains("hashtext")).count();
        System.out.printf("[pipeline] one batch of %d answers: %d statements (%.2f per answer), %d with advisory "
                + "locks, %s advisory locks held%n", stream.size(), batch.size(), batch.size() / (double) stream.size(),
                lockStatements, heldLocks);
        assertThat(lockStatements).as("every answer's locks at once").isEqualTo(1);
        assertThat(heldLocks).as("every answer key's lock held (and the dossiers', callers', the writer's)")
                .singleElement().satisfies(n -> assertThat(n).isGreaterThan(stream.size()));
        // The set-based writer: lock, claim, the keys' locks, the keys' earlier ratings, the dossiers and their stages,
        // the offices rated without a dossier, the facts of every answer, the new ids, the ratings with their targets,
        // the ratings it changed (none here), the aggregates (three statements), the inbox's delete (a batch that is
        // not full ends applyPending, with no empty claim after it): 17 at most, whatever the batch's size (it was
        // about 3.5 per answer). Apart
        // from them: each applicant's 1 for attitude reads its office's names for the alert, and each question is
        // read once a minute (the recorder's cache, cold in this new writer).
        long alerts = f.events.stream().filter(e -> e instanceof vn.dancham.scoring.ConcernRaised).count();
        long questions = batch.stream().filter(sql -> sql.contains("from \"rating_question\"")).count();
        batch.forEach(sql -> System.out.println("[pipeline]   " + sql.lines().findFirst().orElse("")));
        assertThat(questions).isLessThanOrEqualTo(3);
        assertThat(batch.size() - alerts - questions).as("statements of the batch, alerts and questions apart")
                .isLessThanOrEqualTo(17);
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating")).isEqualTo(stream.size());
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating r WHERE NOT EXISTS "
                + "(SELECT 1 FROM rating_target t WHERE t.rating_id = r.id)")).as("every rating has its targets").isZero();
    }

    /**
     * Issue 16: nudged after every answer and claiming at once, the writer made batches of one or two answers under
     * a steady trickle, each paying a batch's fixed cost. Now it gathers: answers kept one after the other, with a
     * linger longer than the test and no poll in its time, are claimed when a full batch was kept, as one batch.
     */
    @Test
    void answersKeptOneAfterAnotherAreGatheredIntoOneFullBatch() throws Exception {
        ScoringCoreFixture f = fixture();
        List<RatingSubmission> stream = stream(f, 13).stream()
                .filter(s -> !s.questionCode().equals("NO_SUCH_QUESTION")).toList();
        List<Integer> batches = new CopyOnWriteArrayList<>();
        Node node = node(f, stream.size(), Duration.ofMinutes(10), Duration.ofMinutes(10));
        node.writer().observeBatches(batches::add);
        node.writer().start();
        try {
            // Its first pass (answers kept while it was stopped: none) done, it waits for answers kept here.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(node.signal()::writerIdle);
            for (RatingSubmission s : stream) {
                assertThat(node.recorder().submit(s)).isTrue();
            }
            awaitApplied(batches, stream.size());
            assertThat(batches).as("one full batch, not one per nudge").containsExactly(stream.size());
            assertThat(node.writer().waiting()).isZero();
        } finally {
            node.writer().stop();
        }
    }

    /** A lone answer is not held for a batch that never fills: it is applied at the end of the linger. */
    @Test
    void aLoneAnswerIsAppliedAfterTheLingerNotTheNextPoll() throws Exception {
        ScoringCoreFixture f = fixture();
        RatingSubmission lone = stream(f, 17).stream()
                .filter(s -> !s.questionCode().equals("NO_SUCH_QUESTION")).findFirst().orElseThrow();
        List<Integer> batches = new CopyOnWriteArrayList<>();
        // A poll of ten minutes: within the test's bound only the nudge and the linger can apply the answer.
        Node node = node(f, 500, Duration.ofMinutes(10), Duration.ofMillis(100));
        node.writer().observeBatches(batches::add);
        node.writer().start();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(node.signal()::writerIdle);
            assertThat(node.recorder().submit(lone)).isTrue();
            awaitApplied(batches, 1);
            assertThat(batches).containsExactly(1);
            assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating")).isEqualTo(1);
        } finally {
            node.writer().stop();
        }
    }

    /**
     * A backlog (answers kept while no writer ran, or faster than it applies them) is drained in full batches one
     * after the other, in keep order, without waiting for the linger; the pass ends after the batch that was not
     * full, with no empty claim.
     */
    @Test
    void aBacklogIsDrainedInFullBatchesInKeepOrderWithoutLingering() throws Exception {
        ScoringCoreFixture f = fixture();
        List<RatingSubmission> stream = stream(f, 19).stream()
                .filter(s -> !s.questionCode().equals("NO_SUCH_QUESTION")).toList();
        stream.forEach(f.ratings::submit);
        List<Integer> batches = new CopyOnWriteArrayList<>();
        Node node = node(f, 40, Duration.ofMinutes(10), Duration.ofMinutes(10));
        node.writer().observeBatches(batches::add);
        node.writer().start();
        try {
            awaitApplied(batches, stream.size());
            List<Integer> expected = new ArrayList<>();
            for (int left = stream.size(); left > 0; left -= 40) {
                expected.add(Math.min(40, left));
            }
            assertThat(batches).isEqualTo(expected);
            // Keep order: the ratings' ids (drawn batch by batch, in claim order) follow the inbox's order.
            assertThat(f.dsl.fetch("SELECT answer_key FROM rating ORDER BY id").getValues(0, String.class))
                    .isEqualTo(stream.stream().map(RatingSubmission::answerKey).toList());
        } finally {
            node.writer().stop();
        }
    }

    /**
     * The latest answer given stands in the writer's batches too: an answer kept after one the caller gave later
     * (here both in one batch, the later-given first) is stored replaced by the newer one, as the one-by-one path
     * does; on the code before this rule the older answer, applied second, replaced the newer.
     */
    @Test
    void anAnswerKeptAfterANewerOneOfTheSameCallerIsReplacedByItInTheBatch() {
        ScoringCoreFixture f = fixture();
        long dossier = dossier(f, "2026000900");
        RatingSubmission newer = answer(dossier, "0913000900", "ATTITUDE", 5, NOW.minus(Duration.ofMinutes(10)), "k-newer");
        RatingSubmission older = answer(dossier, "0913000900", "ATTITUDE", 1, NOW.minus(Duration.ofMinutes(50)), "k-older");
        assertThat(f.ratings.submit(newer)).isTrue();
        assertThat(f.ratings.submit(older)).isTrue();
        assertThat(writer(f, f.events::add, 50).applyPending()).isEqualTo(2);

        assertThat(f.strings("SELECT answer_key || ' ' || status || ' ' || coalesce((SELECT n.answer_key FROM rating n "
                + "WHERE n.id = r.superseded_by), '-') FROM rating r ORDER BY id"))
                .containsExactly("k-newer COUNTED -", "k-older SUPERSEDED k-newer");
        assertThat(f.events).as("no lowest-attitude alert for the replaced 1")
                .noneMatch(e -> e instanceof vn.dancham.scoring.ConcernRaised);
        List<Map<String, Object>> incremental = aggregates(f);
        assertThat(f.value(Integer.class, "SELECT sum(n5)::int FROM rating_daily WHERE subject_type = 'OFFICE'"))
                .isPositive();
        assertThat(f.value(Integer.class, "SELECT coalesce(sum(n1), 0)::int FROM rating_daily")).isZero();
        f.maintenance.recomputeAll();
        assertThat(aggregates(f)).isEqualTo(incremental);
    }

    /**
     * HR's way back for an answer the writer set aside: listed with what it names and whether that exists now, sent
     * again (still broken: it stays aside with the reason; mended: applied once, by the same rules, its alert raised),
     * and a second press, or another node's at the same moment, applies nothing twice.
     */
    @Test
    void anAnswerSetAsideIsListedForHrAndAppliedOnceWhenSentAgainAfterTheCauseIsMended() throws Exception {
        ScoringCoreFixture f = fixture();
        long dossier = dossier(f, "2026000901");
        f.ratings.submit(answer(dossier, "0913000901", "ATTITUDE", 1, NOW.minus(Duration.ofMinutes(30)), "k-low"));
        f.ratings.submit(answer(dossier, "0913000901", "NEW_QUESTION", 4, NOW.minus(Duration.ofMinutes(20)), "k-new-question"));
        ApplicationEventPublisher buggy = event -> {
            if (event instanceof vn.dancham.scoring.ConcernRaised) {
                throw new IllegalStateException("listener bug");
            }
            f.events.add(event);
        };
        InboxWriter broken = writer(f, buggy, 7);
        assertThat(broken.applyPending()).isEqualTo(2);
        assertThat(broken.setAside()).isEqualTo(2);

        List<vn.dancham.rating.RatingWriter.SetAsideAnswer> aside = broken.setAsideAnswers(10);
        assertThat(aside).extracting(a -> a.questionCode() + " " + a.criterion() + " " + a.value() + " "
                        + a.receiptNo() + " " + a.questionKnown() + " " + a.namesOnlyWhatExists())
                .containsExactlyInAnyOrder("ATTITUDE ATTITUDE 1 2026000901 true true",
                        "NEW_QUESTION null 4 2026000901 false false");
        assertThat(aside).allSatisfy(a -> {
            assertThat(a.officeName()).isNotBlank();
            assertThat(a.callerNumber()).isEqualTo("0913000901");
            assertThat(a.failure()).isNotBlank();
        });
        long low = aside.stream().filter(a -> a.value() == 1).findFirst().orElseThrow().id();
        long unknown = aside.stream().filter(a -> a.value() == 4).findFirst().orElseThrow().id();

        // Sent again while the cause is still there: it stays aside with the reason, nothing recorded.
        assertThat(broken.retry(low)).isEqualTo(new vn.dancham.rating.RatingWriter.Retry.FailedAgain("listener bug"));
        assertThat(broken.retry(unknown)).isInstanceOf(vn.dancham.rating.RatingWriter.Retry.FailedAgain.class);
        assertThat(broken.setAside()).isEqualTo(2);
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating")).isZero();

        // Mended (the listener fixed, the question added): two nodes send the 1 again at the same moment.
        f.dsl.execute("INSERT INTO rating_question (code, criterion, seq, prompt_vi, prompt_en, active) "
                + "VALUES ('NEW_QUESTION', 'OVERALL', 9, 'Câu hỏi mới', 'New question', false)");
        InboxWriter nodeA = writer(f, f.events::add, 7);
        InboxWriter nodeB = writer(f, f.events::add, 7);
        CountDownLatch go = new CountDownLatch(1);
        List<vn.dancham.rating.RatingWriter.Retry> results = new CopyOnWriteArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (InboxWriter node : List.of(nodeA, nodeB)) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    results.add(node.retry(low));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertThat(results).hasSize(2).haveExactly(1, new org.assertj.core.api.Condition<>(
                r -> r instanceof vn.dancham.rating.RatingWriter.Retry.Applied a
                        && a.receipt().outcome() == vn.dancham.rating.RatingReceipt.Outcome.COUNTED, "applied"))
                .haveExactly(1, new org.assertj.core.api.Condition<>(
                        r -> r instanceof vn.dancham.rating.RatingWriter.Retry.NotSetAside, "not set aside"));
        assertThat(nodeA.retry(unknown)).isInstanceOf(vn.dancham.rating.RatingWriter.Retry.Applied.class);
        assertThat(nodeA.retry(unknown)).isEqualTo(new vn.dancham.rating.RatingWriter.Retry.NotSetAside());
        assertThat(nodeA.retry(123_456_789L)).isEqualTo(new vn.dancham.rating.RatingWriter.Retry.NotSetAside());

        assertThat(nodeA.setAside()).isZero();
        assertThat(nodeA.setAsideAnswers(10)).isEmpty();
        assertThat(f.strings("SELECT answer_key || ' ' || status FROM rating ORDER BY answer_key"))
                .containsExactly("k-low COUNTED", "k-new-question COUNTED");
        assertThat(f.events).as("the lowest attitude's alert, raised once")
                .filteredOn(e -> e instanceof vn.dancham.scoring.ConcernRaised).hasSize(1);
        List<Map<String, Object>> incremental = aggregates(f);
        f.maintenance.recomputeAll();
        assertThat(aggregates(f)).isEqualTo(incremental);
    }

    /**
     * An answer the hotline's journal could not apply (the receipt number the caller typed during an outage is not
     * in the register) is kept with the set-aside answers, the number as typed; once the dossier is imported, HR's
     * second press finds it and the answer counts with the time the caller gave it.
     */
    @Test
    void anAnswerAboutAReceiptNumberTheRegisterDidNotKnowIsKeptAsideAndCountsOnceTheDossierIsImported() {
        ScoringCoreFixture f = fixture();
        World.create(f);
        Instant given = NOW.minus(Duration.ofHours(2));
        vn.dancham.rating.UnappliedAnswer unapplied = new vn.dancham.rating.UnappliedAnswer(null, null, "2026000950",
                null, "OVERALL", 4, "0913000950", given, "journal-k1", null,
                "java.lang.IllegalArgumentException: No dossier has receipt number 2026000950");
        assertThat(f.ratings.keepAside(unapplied)).isTrue();
        assertThat(f.ratings.keepAside(unapplied)).as("one key, one answer").isTrue();
        InboxWriter writer = writer(f, f.events::add, 7);
        assertThat(writer.setAside()).isEqualTo(1);
        assertThat(writer.applyPending()).as("not taken by the writer's batches").isZero();

        vn.dancham.rating.RatingWriter.SetAsideAnswer listed = writer.setAsideAnswers(10).getFirst();
        assertThat(listed.receiptNo()).isEqualTo("2026000950");
        assertThat(listed.dossierKnown()).isFalse();
        assertThat(listed.namesOnlyWhatExists()).isFalse();
        assertThat(listed.givenAt()).isEqualTo(given);
        assertThat(writer.retry(listed.id())).isEqualTo(new vn.dancham.rating.RatingWriter.Retry.FailedAgain(
                "No dossier has receipt number 2026000950"));

        long dossier = dossier(f, "2026000950");
        assertThat(writer.setAsideAnswers(10).getFirst().dossierKnown()).isTrue();
        assertThat(writer.retry(listed.id())).isInstanceOf(vn.dancham.rating.RatingWriter.Retry.Applied.class);
        assertThat(f.strings("SELECT answer_key || ' ' || status || ' ' || dossier_id || ' ' || identity FROM rating"))
                .containsExactly("journal-k1 COUNTED " + dossier + " VERIFIED");
        assertThat(f.value(java.time.OffsetDateTime.class, "SELECT given_at FROM rating").toInstant()).isEqualTo(given);
        assertThat(writer.setAside()).isZero();
    }

    /** HR closes an answer that can never count: kept with who closed it, out of the list, never sent again. */
    @Test
    void anAnswerHrClosesStaysStoredLeavesTheListAndCannotBeSentAgain() {
        ScoringCoreFixture f = fixture();
        World.create(f);
        assertThat(f.ratings.keepAside(new vn.dancham.rating.UnappliedAnswer(null, null, "9999999999", null,
                "OVERALL", 1, "0913000951", NOW.minusSeconds(600), "journal-k2", null, "no such dossier"))).isTrue();
        InboxWriter writer = writer(f, f.events::add, 7);
        long id = writer.setAsideAnswers(10).getFirst().id();

        assertThat(writer.discard(id, "hr-lan")).isTrue();
        assertThat(writer.discard(id, "hr-minh")).as("closed once").isFalse();
        assertThat(writer.setAside()).isZero();
        assertThat(writer.setAsideAnswers(10)).isEmpty();
        assertThat(writer.retry(id)).isEqualTo(new vn.dancham.rating.RatingWriter.Retry.NotSetAside());
        assertThat(writer.applyPending()).isZero();
        assertThat(f.strings("SELECT answer_key || ' ' || discarded_by FROM rating_inbox"))
                .containsExactly("journal-k2 hr-lan");
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating")).isZero();
        assertThat(writer.discard(123_456_789L, "hr-lan")).isFalse();
    }

    /** A land dossier of the counter office, returned, its applicant 0913 + the receipt's last six digits. */
    static long dossier(ScoringCoreFixture f, String receipt) {
        if (f.value(Integer.class, "SELECT count(*)::int FROM office") == 0) {
            World.create(f);
        }
        Instant returned = NOW.minus(Duration.ofHours(6));
        return f.registry.upsert(new DossierData(new ReceiptNumber(receipt), "DD-01", "GL-1CUA", "CB-AN",
                "Người nộp", "0913" + receipt.substring(4), returned.minus(Duration.ofDays(5)),
                returned.plus(Duration.ofDays(1)), returned, "RETURNED")).id();
    }

    /** The applicant's answer about the dossier, given at {@code at}. */
    static RatingSubmission answer(long dossier, String caller, String question, int value, Instant at, String key) {
        return new RatingSubmission(null, dossier, null, question, value, caller, at, Channel.PHONE, key);
    }

    static void awaitApplied(List<Integer> batches, int answers) {
        // A bound for a loaded machine, far below the writers' poll and linger (ten minutes) where those must not act.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(20))
                .until(() -> batches.stream().mapToInt(Integer::intValue).sum() >= answers);
    }

    // ---- helpers ----

    ScoringCoreFixture fixture() {
        ScoringCoreFixture f = ScoringCoreFixture.fresh(ScoringProperties.defaults(), NOW);
        fixtures.add(f);
        return f;
    }

    /** A rating writer as another node runs it: its own pool, transaction manager, jOOQ context and recorder. */
    InboxWriter writer(ScoringCoreFixture f, ApplicationEventPublisher events, int batchSize, DSLContext... own) {
        return writer(f, events, batchSize, null, own);
    }

    InboxWriter writer(ScoringCoreFixture f, ApplicationEventPublisher events, int batchSize,
                       org.jooq.ExecuteListener listener, DSLContext... own) {
        return node(f, events, batchSize, listener, Duration.ofSeconds(1), Duration.ZERO, own).writer();
    }

    /** A node's writer and the recorder whose answers nudge it. */
    record Node(InboxWriter writer, RatingRecorder recorder, InboxSignal signal) {
    }

    Node node(ScoringCoreFixture f, int batchSize, Duration poll, Duration linger) {
        return node(f, f.events::add, batchSize, null, poll, linger);
    }

    Node node(ScoringCoreFixture f, ApplicationEventPublisher events, int batchSize,
              org.jooq.ExecuteListener listener, Duration poll, Duration linger, DSLContext... own) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(f.db.jdbcUrl());
        pool.setUsername(f.db.dataSource().getUsername());
        pool.setMaximumPoolSize(2);
        nodes.add(pool);
        DSLContext dsl = DSL.using(new org.jooq.impl.DefaultConfiguration()
                .set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(pool)))
                .set(SQLDialect.POSTGRES)
                .set(listener == null ? new org.jooq.ExecuteListener[0] : new org.jooq.ExecuteListener[] {listener}));
        if (own.length > 0) {
            own[0] = dsl;
        }
        PlatformTransactionManager transactions = new DataSourceTransactionManager(pool);
        Aggregates aggregates = new Aggregates(dsl, f.properties);
        InboxSignal signal = new InboxSignal();
        RatingRecorder recorder = new RatingRecorder(dsl, transactions, aggregates, events, f.clock, f.settings,
                signal);
        return new Node(new InboxWriter(dsl, transactions, recorder, aggregates, signal, batchSize, poll, linger),
                recorder, signal);
    }

    /**
     * A day of answers about one office, shuffled: applicants rating their dossiers, strangers who know the phone
     * digits, withheld callers; one number walking many dossiers with low answers (burst), twelve numbers on one
     * dossier, a withheld caller on one dossier again and again, re-ratings (supersession), an applicant's 1 for
     * attitude (an alert), and one answer to a question that does not exist. Every answer has its own key. The same organisation is made in each database
     * in the same order, so the ids match.
     */
    List<RatingSubmission> stream(ScoringCoreFixture f, int seed) {
        World w = World.create(f);
        Random random = new Random(seed);
        List<Long> dossiers = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        String[] officers = {"CB-P0", "CB-P1", "CB-P2"};
        for (int o = 0; o < officers.length; o++) {
            f.officer(w.counterOffice(), officers[o], "Cán bộ " + o);
        }
        for (int d = 0; d < 24; d++) {
            String phone = String.format("0913%06d", d);
            Instant returned = NOW.minus(Duration.ofHours(6 + d));
            dossiers.add(f.registry.upsert(new DossierData(new ReceiptNumber("2026" + String.format("%06d", 700 + d)),
                    "DD-01", "GL-1CUA", officers[d % officers.length], "Người nộp", phone,
                    returned.minus(Duration.ofDays(5)), returned.plus(Duration.ofDays(1)), returned, "RETURNED"))
                    .id());
            phones.add(phone);
        }
        List<RatingSubmission> answers = new ArrayList<>();
        Instant at = NOW.minus(Duration.ofHours(2));
        for (int d = 0; d < dossiers.size(); d++) {
            int who = random.nextInt(10);
            String caller = who < 7 ? phones.get(d) : who < 9 ? String.format("0988%06d", d) : null;
            String digits = who >= 7 && who < 9 ? phones.get(d).substring(6) : null;
            threeAnswers(answers, dossiers.get(d), caller, digits, 3 + random.nextInt(3), at.plusSeconds(60L * d));
        }
        for (int d = 0; d < 10; d++) {
            threeAnswers(answers, dossiers.get(d), "0977000001", null, 1 + d % 2, NOW.plusSeconds(8L * d));
        }
        for (int i = 0; i < 12; i++) {
            threeAnswers(answers, dossiers.get(1), String.format("09770001%02d", i), null, 1 + i % 3,
                    NOW.plusSeconds(100 + i));
        }
        // An office rated without a dossier, by one number twice in a day (the later replaces the earlier).
        for (int i = 0; i < 2; i++) {
            answers.add(new RatingSubmission(null, null, w.counterOffice(), "ATTITUDE", 2 + i, "0966000001",
                    NOW.plusSeconds(500 + i), Channel.PHONE, null, null, false));
        }
        for (int i = 0; i < 6; i++) {
            threeAnswers(answers, dossiers.get(2), null, null, 1, NOW.plusSeconds(200 + i));
        }
        threeAnswers(answers, dossiers.get(3), phones.get(3), null, 2, NOW.plusSeconds(300));
        // An applicant's own 1 for attitude: counted, and a LOWEST_ATTITUDE alert.
        threeAnswers(answers, dossiers.get(5), phones.get(5), null, 1, NOW.plusSeconds(350));
        answers.add(new RatingSubmission(null, dossiers.get(4), null, "NO_SUCH_QUESTION", 3, phones.get(4),
                NOW.plusSeconds(400), Channel.PHONE, null));
        Collections.shuffle(answers, random);
        List<RatingSubmission> keyed = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            RatingSubmission s = answers.get(i);
            keyed.add(new RatingSubmission(s.callId(), s.dossierId(), s.officeId(), s.questionCode(), s.value(),
                    s.callerNumber(), s.givenAt(), s.channel(), "pipeline/" + i, s.knownDigits(), false));
        }
        return keyed;
    }

    static void threeAnswers(List<RatingSubmission> answers, long dossier, String caller, String digits, int value,
                             Instant at) {
        for (String q : List.of("ATTITUDE", "TIMELINESS", "OVERALL")) {
            answers.add(new RatingSubmission(null, dossier, null, q, value, caller, at, Channel.PHONE, null, digits,
                    false));
            at = at.plusMillis(100);
        }
    }

    /** Per answer key: status, rule, identity, the answer that replaced it and the evidence, all as answer keys. */
    static Map<String, String> outcomes(ScoringCoreFixture f) {
        Map<String, String> byKey = new TreeMap<>();
        f.dsl.fetch("""
                SELECT r.answer_key, r.status, r.flag_reason, r.identity, r.officer_id,
                       (SELECT s.answer_key FROM rating s WHERE s.id = r.superseded_by),
                       (SELECT string_agg(e.answer_key, ',' ORDER BY e.answer_key) FROM rating e
                        WHERE e.id = ANY(r.flag_evidence))
                FROM rating r""").forEach(r -> byKey.put(r.get(0, String.class), r.get(1) + " " + r.get(2) + " "
                + r.get(3) + " " + r.get(4) + " " + r.get(5) + " [" + r.get(6) + "]"));
        return byKey;
    }

    static List<Map<String, Object>> aggregates(ScoringCoreFixture f) {
        List<Map<String, Object>> rows = new ArrayList<>(f.dsl.fetch(
                "SELECT 'daily' AS t, * FROM rating_daily WHERE n1 + n2 + n3 + n4 + n5 > 0 ORDER BY 2, 3, 4, 5, 6")
                .intoMaps());
        rows.addAll(f.dsl.fetch(
                "SELECT 'monthly' AS t, * FROM rating_monthly WHERE n1 + n2 + n3 + n4 + n5 > 0 ORDER BY 2, 3, 4, 5, 6")
                .intoMaps());
        return rows;
    }

    static Map<String, Integer> eventKinds(ScoringCoreFixture f) {
        Map<String, Integer> kinds = new TreeMap<>();
        f.events.forEach(e -> kinds.merge(e.getClass().getSimpleName(), 1, Integer::sum));
        return kinds;
    }
}
