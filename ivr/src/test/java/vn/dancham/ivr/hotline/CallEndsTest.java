package vn.dancham.ivr.hotline;

import org.junit.jupiter.api.Test;
import vn.dancham.calls.CallLog;
import vn.dancham.ivr.testing.UnusedCallLog;
import vn.dancham.calls.CallLog.CallEnd;
import vn.dancham.calls.CallLog.Outcome;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ends of calls handed over by the calls and written after them, together; plain Java, real threads. */
class CallEndsTest {

    static final Instant NOW = Instant.parse("2026-12-03T08:00:00Z");

    /** The statements the call log was asked for: the call ids of each, in order. */
    final List<List<Long>> writes = Collections.synchronizedList(new ArrayList<>());
    /** Held by the first write until released: the ends that arrive meanwhile wait for the next. */
    final CountDownLatch firstWriteMayFinish = new CountDownLatch(1);
    final CountDownLatch firstWriteStarted = new CountDownLatch(1);
    volatile boolean holdFirstWrite;
    volatile boolean databaseDown;
    /** A call whose end the database refuses (bad data, not an outage). */
    volatile long refused = -1;
    /** The whole calls' statements: the unique ids of each. */
    final List<List<String>> wholeWrites = Collections.synchronizedList(new ArrayList<>());
    /** The calls whose ends were kept (in the journal, on a node) because they could not be written. */
    final Set<Long> kept = ConcurrentHashMap.newKeySet();

    final DatabaseGuard guard = new DatabaseGuard(Duration.ofMinutes(1), () -> {
    });
    final CallEnds ends = new CallEnds(callLog(), guard);

    static CallEnd end(long callId) {
        return new CallEnd(callId, List.of(), Outcome.COMPLETED, "MAIN_MENU", NOW);
    }

    void handOver(long callId) {
        ends.end(end(callId), () -> kept.add(callId));
    }

    @Test
    void anEndIsHandedOverWithoutAStatementAndWrittenByTheNextRun() {
        handOver(1);
        handOver(2);
        assertThat(writes).as("the calls did not wait for the database").isEmpty();
        assertThat(ends.waiting()).isEqualTo(2);

        assertThat(ends.writeWaiting()).isEqualTo(2);

        assertThat(writes).containsExactly(List.of(1L, 2L));
        assertThat(ends.waiting()).isZero();
        assertThat(ends.writeWaiting()).as("a run with nothing waiting writes nothing").isZero();
        assertThat(writes).hasSize(1);
        assertThat(kept).isEmpty();
    }

    @Test
    void threeHundredEndsHandedOverFromTheirOwnThreadsAreTwoStatements() throws Exception {
        List<Thread> threads = new ArrayList<>();
        for (long id = 1; id <= 300; id++) {
            long callId = id;
            threads.add(Thread.ofVirtual().start(() -> handOver(callId)));
        }
        for (Thread t : threads) {
            t.join(10_000);
        }

        assertThat(ends.writeWaiting()).isEqualTo(300);

        assertThat(writes).hasSize(2);
        assertThat(writes.get(0)).hasSize(CallEnds.MAX_BATCH);
        assertThat(writes.get(1)).hasSize(300 - CallEnds.MAX_BATCH);
        assertThat(writes.stream().flatMap(List::stream)).doesNotHaveDuplicates().hasSize(300);
        assertThat(kept).isEmpty();
    }

    @Test
    void endsHandedOverWhileARunWritesAreLeftForTheNextRunAndNoneIsWrittenTwice() throws Exception {
        holdFirstWrite = true;
        handOver(1);
        Thread timer = Thread.ofPlatform().start(ends::writeWaiting);
        assertThat(firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
        handOver(2);
        handOver(3);
        // A second writer (the last run at stop, say) waits for the first instead of writing alongside it.
        Thread second = Thread.ofPlatform().start(ends::writeWaiting);
        Thread.sleep(50);
        assertThat(writes).as("the second run waits for the first").hasSize(1);
        firstWriteMayFinish.countDown();
        timer.join(10_000);
        second.join(10_000);

        assertThat(writes).containsExactly(List.of(1L), List.of(2L, 3L));
        assertThat(ends.waiting()).isZero();
    }

    @Test
    void anEndTheDatabaseRefusesIsKeptAndDoesNotTakeTheOthersOfItsStatementWithIt() {
        refused = 3;
        for (long id = 1; id <= 4; id++) {
            handOver(id);
        }

        ends.writeWaiting();

        assertThat(guard.down()).as("a refusal is the database answering").isFalse();
        // The four together (refused), then each alone.
        assertThat(writes).containsExactly(List.of(1L, 2L, 3L, 4L), List.of(1L), List.of(2L), List.of(3L),
                List.of(4L));
        assertThat(kept).containsExactly(3L);
    }

    @Test
    void wholeCallsWaitingWithEndsAreWrittenInTheSameRunInAStatementOfTheirOwn() {
        handOver(1);
        ends.end(whole("w1"));
        handOver(2);
        ends.end(whole("w2"));

        assertThat(ends.writeWaiting()).isEqualTo(4);

        assertThat(writes).containsExactly(List.of(1L, 2L));
        assertThat(wholeWrites).containsExactly(List.of("w1", "w2"));
    }

    static CallLog.WholeCall whole(String uniqueId) {
        return new CallLog.WholeCall(new CallLog.CallStarted(uniqueId, null, "1022", "PJSIP/trunk-0001", "node-a",
                NOW), List.of(), Outcome.COMPLETED, "MAIN_MENU", NOW);
    }

    @Test
    void whenTheDatabaseGoesDownBeforeTheRunTheEndsWaitingAreKeptAndTheWholeCallsGoWithoutALog() {
        handOver(1);
        handOver(2);
        ends.end(whole("w1"));
        databaseDown = true;

        ends.writeWaiting();

        assertThat(guard.down()).isTrue();
        assertThat(kept).containsExactlyInAnyOrder(1L, 2L);
        assertThat(writes).as("one try, not one per call").containsExactly(List.of(1L, 2L));
        assertThat(wholeWrites).as("the breaker is open: not even tried").isEmpty();
        assertThat(ends.waiting()).isZero();
    }

    @Test
    void whileTheDatabaseIsDownAnEndIsKeptAtOnceOnTheCallsThreadAndNotQueued() {
        databaseDown = true;
        handOver(1);
        ends.writeWaiting();
        assertThat(guard.down()).isTrue();

        List<Thread> keptOn = Collections.synchronizedList(new ArrayList<>());
        ends.end(end(2), () -> keptOn.add(Thread.currentThread()));
        ends.end(whole("w2"));

        assertThat(keptOn).containsExactly(Thread.currentThread());
        assertThat(ends.waiting()).isZero();
        assertThat(writes).containsExactly(List.of(1L));
        assertThat(wholeWrites).isEmpty();
    }

    @Test
    void aKeepingThatFailsDoesNotKeepTheOtherEndsFromTheirs() {
        ends.end(end(1), () -> {
            throw new IllegalStateException("a bug");
        });
        handOver(2);
        databaseDown = true;

        ends.writeWaiting();

        assertThat(kept).containsExactly(2L);
    }

    private CallLog callLog() {
        return new UnusedCallLog() {
            @Override
            public void endedUnopened(List<CallLog.WholeCall> calls) {
                wholeWrites.add(calls.stream().map(c -> c.call().asteriskUniqueId()).toList());
                if (databaseDown) {
                    throw new IllegalStateException("Failed to obtain JDBC Connection",
                            new SQLTransientConnectionException("Connection is not available"));
                }
            }

            @Override
            public void ended(List<CallEnd> batch) {
                List<Long> ids = batch.stream().map(CallEnd::callId).toList();
                writes.add(ids);
                if (holdFirstWrite && writes.size() == 1) {
                    firstWriteStarted.countDown();
                    try {
                        assertThat(firstWriteMayFinish.await(10, TimeUnit.SECONDS)).isTrue();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (databaseDown) {
                    throw new IllegalStateException("Failed to obtain JDBC Connection",
                            new SQLTransientConnectionException("Connection is not available"));
                }
                if (ids.contains(refused)) {
                    throw new IllegalStateException("ERROR: value too long for type character varying(40)");
                }
            }
        };
    }
}
