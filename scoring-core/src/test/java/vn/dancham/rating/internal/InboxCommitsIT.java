package vn.dancham.rating.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.RatingSubmission.Channel;
import vn.dancham.scoring.ScoringProperties;
import vn.dancham.scoring.test.ScoringCoreFixture;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Answers kept in {@code rating_inbox} over the real PostgreSQL: callers who answer at the same moment share one
 * statement and one commit (rows of one transaction share its {@code xmin}), each caller is told whether its own
 * answer was written, and one refused answer does not cost the others theirs.
 */
class InboxCommitsIT {

    static final Instant NOW = Instant.parse("2026-11-28T03:00:00Z");

    final ScoringCoreFixture f = ScoringCoreFixture.fresh(ScoringProperties.defaults(), NOW);
    final ExecutorService callers = Executors.newFixedThreadPool(8);
    long office;

    InboxCommitsIT() {
        long unit = f.unit(null, "PROVINCE", "T", "Tỉnh");
        office = f.office(unit, "OF1", "11", "Bộ phận một cửa");
    }

    @AfterEach
    void tearDown() {
        callers.shutdownNow();
        f.close();
    }

    @Test
    void answersQueuedWhileACommitIsInFlightShareTheNextOne() throws Exception {
        InboxCommits inbox = f.ratings.inbox();
        List<Integer> statements = new CopyOnWriteArrayList<>();
        inbox.observeStatements(statements::add);
        List<Callable<Boolean>> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            RatingSubmission s = answer("0913000" + (100 + i), "k-" + i);
            five.add(() -> f.ratings.submit(s));
        }
        List<Future<Boolean>> kept = queuedWhileWriting(inbox, five);
        for (Future<Boolean> k : kept) {
            assertThat(k.get(30, TimeUnit.SECONDS)).as("each caller told its answer is kept").isTrue();
        }
        assertThat(statements).as("one statement carried the five answers").containsExactly(5);
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating_inbox")).isEqualTo(5);
        assertThat(f.value(Integer.class, "SELECT count(DISTINCT xmin::text)::int FROM rating_inbox"))
                .as("one commit").isEqualTo(1);
    }

    @Test
    void manyCallersAtOnceNeedFewerCommitsThanAnswersAndLoseNone() throws Exception {
        int threads = 8;
        int each = 40;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int caller = t;
            done.add(callers.submit(() -> {
                go.await();
                int yes = 0;
                for (int i = 0; i < each; i++) {
                    yes += f.ratings.submit(answer("09130002" + caller + "0", "k-" + caller + "-" + i)) ? 1 : 0;
                }
                return yes;
            }));
        }
        go.countDown();
        int told = 0;
        for (Future<Integer> d : done) {
            told += d.get(60, TimeUnit.SECONDS);
        }
        int answers = threads * each;
        assertThat(told).as("every caller told its answer is kept").isEqualTo(answers);
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating_inbox")).isEqualTo(answers);
        int commits = f.value(Integer.class, "SELECT count(DISTINCT xmin::text)::int FROM rating_inbox");
        System.out.printf("[inbox] %d answers from %d callers at once in %d commits%n", answers, threads, commits);
        // One commit per answer is what callers who never meet get; eight callers writing at once always meet.
        assertThat(commits).as("commits shared by callers answering together").isLessThan(answers);
    }

    @Test
    void theSameKeyTwiceInOneStatementIsKeptOnceAndAKeyKeptBeforeIsNotNew() throws Exception {
        assertThat(f.ratings.submit(answer("0913000300", "k-before"))).isTrue();
        InboxCommits inbox = f.ratings.inbox();
        List<Callable<Boolean>> answers = new ArrayList<>();
        for (String key : List.of("k-twice", "k-twice", "k-before", "k-new")) {
            RatingSubmission s = answer("0913000301", key);
            answers.add(() -> f.ratings.submit(s));
        }
        List<Future<Boolean>> kept = queuedWhileWriting(inbox, answers);
        List<Boolean> told = new ArrayList<>();
        for (Future<Boolean> k : kept) {
            told.add(k.get(30, TimeUnit.SECONDS));
        }
        assertThat(told).containsExactly(true, false, false, true);
        assertThat(f.strings("SELECT answer_key FROM rating_inbox ORDER BY id"))
                .containsExactly("k-before", "k-twice", "k-new");
    }

    @Test
    void aRefusedAnswerFailsAloneAndTheOthersOfItsStatementAreKept() throws Exception {
        InboxCommits inbox = f.ratings.inbox();
        List<Integer> statements = new CopyOnWriteArrayList<>();
        inbox.observeStatements(statements::add);
        List<Callable<Boolean>> answers = new ArrayList<>();
        for (int value : new int[] {4, 9, 5}) {
            // 9 is refused by the table's CHECK (an answer that escaped the submission's own check: a bug)
            InboxCommits.Answer a = new InboxCommits.Answer(null, null, office, "ATTITUDE", (short) value,
                    "0913000400", OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC), "PHONE", "k-value-" + value, null);
            answers.add(() -> inbox.keep(a));
        }
        List<Future<Boolean>> kept = queuedWhileWriting(inbox, answers);
        assertThat(kept.get(0).get(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> kept.get(1).get(30, TimeUnit.SECONDS)).hasStackTraceContaining("rating_inbox_value_check");
        assertThat(kept.get(2).get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(f.strings("SELECT answer_key FROM rating_inbox ORDER BY id"))
                .containsExactly("k-value-4", "k-value-5");
        assertThat(statements).as("the batch failed, then its answers one by one").containsExactly(1, 1);
    }

    @Test
    void anOutageFailsTheStatementsAnswersAndThoseQueuedBehindItAfterOneAttempt() throws Exception {
        // The hotline's time limits, as its pool sets them: a statement that waits longer is cancelled (57014).
        com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
        pool.setJdbcUrl(f.db.jdbcUrl());
        pool.setUsername(f.db.dataSource().getUsername());
        pool.setMaximumPoolSize(2);
        pool.setConnectionInitSql("SET statement_timeout = '2s'");
        try (pool; java.sql.Connection blocker = f.db.dataSource().getConnection()) {
            InboxCommits inbox = new InboxCommits(org.jooq.impl.DSL.using(
                    new org.jooq.impl.DefaultConfiguration()
                            .set(new org.jooq.impl.DataSourceConnectionProvider(
                                    new org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy(pool)))
                            .set(org.jooq.SQLDialect.POSTGRES)));
            List<Integer> statements = new CopyOnWriteArrayList<>();
            inbox.observeStatements(statements::add);
            // Another session is writing the same key and has not committed: the statement carrying it must wait
            // for that session, and is cancelled after the time limit, as in a database that stopped answering.
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("INSERT INTO rating_inbox (question_code, value, given_at, channel, "
                    + "answer_key) VALUES ('ATTITUDE', 3, now(), 'PHONE', 'k-blocked')");
            List<Callable<Boolean>> answers = new ArrayList<>();
            for (String key : List.of("k-blocked", "k-a", "k-b")) {
                InboxCommits.Answer a = new InboxCommits.Answer(null, null, office, "ATTITUDE", (short) 4,
                        "0913000600", OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC), "PHONE", key, null);
                answers.add(() -> inbox.keep(a));
            }
            List<Future<Boolean>> given = queuedWhileWriting(inbox, answers);
            // One more caller answers while that statement waits.
            InboxCommits.Answer late = new InboxCommits.Answer(null, null, office, "ATTITUDE", (short) 4,
                    "0913000601", OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC), "PHONE", "k-late", null);
            given.add(callers.submit(() -> inbox.keep(late)));
            List<Throwable> failures = new ArrayList<>();
            for (Future<Boolean> g : given) {
                Throwable told = org.assertj.core.api.Assertions.catchThrowable(() -> g.get(30, TimeUnit.SECONDS));
                assertThat(told).as("each caller of the statement, or queued behind it, told it failed")
                        .isInstanceOf(java.util.concurrent.ExecutionException.class);
                failures.add(told.getCause());
            }
            assertThat(failures).allSatisfy(e -> assertThat(vn.dancham.db.DatabaseFailures.isTransient(e)).isTrue());
            assertThat(failures.get(0)).hasStackTraceContaining("statement timeout");
            assertThat(failures.subList(0, 3)).as("the statement's answers share its failure")
                    .allSatisfy(e -> assertThat(e).isSameAs(failures.get(0)));
            assertThat(statements).as("nothing written").isEmpty();
            blocker.rollback();

            // The answers kept nothing; their callers keep them in the journal. The next answer is written.
            assertThat(inbox.keep(late)).isTrue();
            assertThat(f.strings("SELECT answer_key FROM rating_inbox ORDER BY id")).containsExactly("k-late");
        }
    }

    @Test
    void anErrorInTheHolderOfTheLockLeavesNoCallerWaiting() throws Exception {
        InboxCommits inbox = f.ratings.inbox();
        inbox.observeStatements(n -> {
            throw new AssertionError("a bug in whoever holds the lock, after the statement");
        });
        List<Callable<Boolean>> answers = new ArrayList<>();
        for (String key : List.of("k-e1", "k-e2", "k-e3")) {
            RatingSubmission s = answer("0913000700", key);
            answers.add(() -> f.ratings.submit(s));
        }
        List<Throwable> told = new ArrayList<>();
        for (Future<Boolean> g : queuedWhileWriting(inbox, answers)) {
            told.add(org.assertj.core.api.Assertions.catchThrowable(() -> g.get(30, TimeUnit.SECONDS)));
        }
        // One caller held the lock and met the bug; the other two are told their answers were not kept (they keep
        // them in the journal, whose replay stores each key once) instead of waiting for ever.
        assertThat(told).allSatisfy(t -> assertThat(t).isInstanceOf(java.util.concurrent.ExecutionException.class));
        assertThat(told.stream().map(Throwable::getCause).map(Object::getClass).toList())
                .containsExactlyInAnyOrder(AssertionError.class, IllegalStateException.class,
                        IllegalStateException.class);
    }

    @Test
    void insideTheCallersTransactionTheAnswerGoesWithIt() {
        TransactionTemplate tx = new TransactionTemplate(f.transactions);
        tx.executeWithoutResult(status -> {
            assertThat(f.ratings.submit(answer("0913000500", "k-rolled-back"))).isTrue();
            status.setRollbackOnly();
        });
        assertThat(f.value(Integer.class, "SELECT count(*)::int FROM rating_inbox")).isZero();
    }

    RatingSubmission answer(String caller, String key) {
        return new RatingSubmission(null, null, office, "ATTITUDE", 4, caller, NOW, Channel.PHONE, key);
    }

    /**
     * Holds the inbox's lock as a caller whose commit is in flight would, while the answers are given one after the
     * other (each queued before the next, so the queue has them in this order); then lets go.
     */
    <T> List<Future<T>> queuedWhileWriting(InboxCommits inbox, List<Callable<T>> answers) {
        List<Future<T>> given = new ArrayList<>();
        inbox.lock().lock();
        try {
            for (Callable<T> a : answers) {
                given.add(callers.submit(a));
                int queued = given.size();
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                        .until(() -> inbox.queued() >= queued);
            }
        } finally {
            inbox.lock().unlock();
        }
        return given;
    }
}
