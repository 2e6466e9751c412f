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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Ends of calls written together when they arrive together; plain Java, real threads. */
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

    final DatabaseGuard guard = new DatabaseGuard(Duration.ofMinutes(1), () -> {
    });
    final CallEnds ends = new CallEnds(callLog(), guard);

    static CallEnd end(long callId) {
        return new CallEnd(callId, List.of(), Outcome.COMPLETED, "MAIN_MENU", NOW);
    }

    @Test
    void aCallEndingAloneIsWrittenAloneAtOnce() {
        assertThat(ends.end(end(1)).ok()).isTrue();
        assertThat(ends.end(end(2)).ok()).isTrue();
        assertThat(writes).containsExactly(List.of(1L), List.of(2L));
    }

    @Test
    void endsArrivingWhileOneIsWrittenAreWrittenTogetherInTheNextStatement() throws Exception {
        Map<Long, Boolean> ok = endWhileTheFirstIsWritten(300);

        assertThat(ok).hasSize(301).doesNotContainValue(false);
        // The first alone; the 300 that waited in two statements (at most 256 each), not 300.
        assertThat(writes).hasSize(3);
        assertThat(writes.get(0)).containsExactly(1L);
        assertThat(writes.get(1)).hasSize(CallEnds.MAX_BATCH);
        assertThat(writes.get(2)).hasSize(300 - CallEnds.MAX_BATCH);
        assertThat(writes.stream().flatMap(List::stream)).doesNotHaveDuplicates().hasSize(301);
        assertThat(ends.waiting()).isZero();
    }

    @Test
    void anEndTheDatabaseRefusesDoesNotTakeTheOthersOfItsStatementWithIt() throws Exception {
        refused = 3;
        Map<Long, Boolean> ok = endWhileTheFirstIsWritten(3);

        assertThat(ok).containsOnly(Map.entry(1L, true), Map.entry(2L, true), Map.entry(3L, false),
                Map.entry(4L, true));
        assertThat(guard.down()).as("a refusal is the database answering").isFalse();
        // The three together (refused), then each alone.
        assertThat(writes).hasSize(5);
        assertThat(writes.get(1)).hasSize(3);
        assertThat(writes.subList(2, 5)).allMatch(w -> w.size() == 1);
    }

    /**
     * Call 1 ends and its write is held; calls 2 to {@code others + 1} end meanwhile, each on a thread of its own, and
     * wait; then the write is let go. Returns whether each call's end was written.
     */
    private Map<Long, Boolean> endWhileTheFirstIsWritten(int others) throws InterruptedException {
        holdFirstWrite = true;
        Map<Long, Boolean> ok = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.ofPlatform().start(() -> ok.put(1L, ends.end(end(1)).ok())));
        assertThat(firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
        for (long id = 2; id <= others + 1; id++) {
            long callId = id;
            threads.add(Thread.ofVirtual().start(() -> ok.put(callId, ends.end(end(callId)).ok())));
        }
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ends.waiting() < others && System.nanoTime() < giveUp) {
            Thread.sleep(1);
        }
        assertThat(ends.waiting()).as("the %d ends wait for the one being written", others).isEqualTo(others);
        firstWriteMayFinish.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }
        return ok;
    }

    @Test
    void wholeCallsWaitingWithEndsAreWrittenInTheNextWriteInAStatementOfTheirOwn() throws Exception {
        holdFirstWrite = true;
        Map<String, Boolean> ok = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        threads.add(Thread.ofPlatform().start(() -> ok.put("1", ends.end(end(1)).ok())));
        assertThat(firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
        threads.add(Thread.ofVirtual().start(() -> ok.put("2", ends.end(end(2)).ok())));
        threads.add(Thread.ofVirtual().start(() -> ok.put("w1", ends.end(whole("w1")).ok())));
        threads.add(Thread.ofVirtual().start(() -> ok.put("w2", ends.end(whole("w2")).ok())));
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ends.waiting() < 3 && System.nanoTime() < giveUp) {
            Thread.sleep(1);
        }
        firstWriteMayFinish.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }

        assertThat(ok).hasSize(4).doesNotContainValue(false);
        assertThat(writes).containsExactly(List.of(1L), List.of(2L));
        assertThat(wholeWrites).singleElement().satisfies(w -> assertThat(w).containsExactlyInAnyOrder("w1", "w2"));
    }

    static CallLog.WholeCall whole(String uniqueId) {
        return new CallLog.WholeCall(new CallLog.CallStarted(uniqueId, null, "1022", "PJSIP/trunk-0001", "node-a",
                NOW), List.of(), Outcome.COMPLETED, "MAIN_MENU", NOW);
    }

    @Test
    void whileTheDatabaseIsDownAnEndIsNotWrittenAndSaysSo() {
        databaseDown = true;
        DatabaseGuard.Reply<Boolean> reply = ends.end(end(1));
        assertThat(reply.ok()).isFalse();
        assertThat(guard.down()).isTrue();
        // The breaker is open now: the next end is not even tried.
        assertThat(ends.end(end(2)).ok()).isFalse();
        assertThat(writes).containsExactly(List.of(1L));
    }

    private CallLog callLog() {
        return new UnusedCallLog() {
            @Override
            public void endedUnopened(List<CallLog.WholeCall> calls) {
                wholeWrites.add(calls.stream().map(c -> c.call().asteriskUniqueId()).toList());
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
