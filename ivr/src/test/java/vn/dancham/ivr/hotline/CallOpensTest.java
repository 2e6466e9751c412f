package vn.dancham.ivr.hotline;

import org.junit.jupiter.api.Test;
import vn.dancham.calls.CallLog;
import vn.dancham.calls.CallLog.CallStarted;
import vn.dancham.ivr.testing.UnusedCallLog;

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
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Call rows written when first needed, those waiting then together; plain Java, real threads. */
class CallOpensTest {

    static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");

    /** The statements the call log was asked for: the unique ids of each, in order. */
    final List<List<String>> writes = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong nextId = new AtomicLong(100);
    final CountDownLatch firstWriteMayFinish = new CountDownLatch(1);
    final CountDownLatch firstWriteStarted = new CountDownLatch(1);
    volatile boolean holdFirstWrite;
    volatile boolean databaseDown;
    /** A call whose row the database refuses (bad data, not an outage). */
    volatile String refused = "";

    final DatabaseGuard guard = new DatabaseGuard(Duration.ofMinutes(1), () -> {
    });
    final CallOpens opens = new CallOpens(callLog(), guard);

    static CallStarted call(String uniqueId) {
        return new CallStarted(uniqueId, "0912345678", "1022", "PJSIP/trunk-0001", "node-a", NOW);
    }

    @Test
    void nothingIsWrittenWhenACallStartsAndItsFirstNeedWritesEveryRowWaiting() {
        CallOpens.Opening a = opens.open(call("a"));
        CallOpens.Opening b = opens.open(call("b"));
        CallOpens.Opening c = opens.open(call("c"));
        assertThat(writes).isEmpty();
        assertThat(a.writtenId()).isNull();

        Long idOfB = opens.id(b);

        assertThat(writes).containsExactly(List.of("a", "b", "c"));
        assertThat(idOfB).isEqualTo(101L);
        assertThat(opens.id(a)).isEqualTo(100L);
        assertThat(opens.id(c)).isEqualTo(102L);
        assertThat(c.writtenId()).isEqualTo(102L);
        assertThat(writes).as("written once").hasSize(1);
        assertThat(opens.withdraw(a)).as("a written row cannot be taken back").isFalse();
    }

    @Test
    void aRowTakenBackIsNeverWrittenByAnotherCall() {
        CallOpens.Opening shortCall = opens.open(call("short"));
        CallOpens.Opening other = opens.open(call("other"));
        assertThat(opens.withdraw(shortCall)).isTrue();

        opens.id(other);

        assertThat(writes).containsExactly(List.of("other"));
        assertThatThrownBy(() -> opens.id(shortCall)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theTimerWritesOnlyTheRowsOfCallsThatHaveLastedLongEnough() throws InterruptedException {
        CallOpens.Opening longCall = opens.open(call("long"));
        Thread.sleep(60);
        CallOpens.Opening young = opens.open(call("young"));

        opens.writeLongerThan(Duration.ofMillis(50));

        assertThat(writes).containsExactly(List.of("long"));
        assertThat(longCall.writtenId()).isEqualTo(100L);
        assertThat(young.writtenId()).isNull();
        assertThat(opens.waiting()).isEqualTo(1);
        assertThat(opens.withdraw(young)).as("the young call may still write itself whole").isTrue();
        opens.writeLongerThan(Duration.ZERO);
        assertThat(writes).hasSize(1);
    }

    @Test
    void rowsNeededWhileOneIsWrittenAreWrittenTogetherInTheNextStatement() throws Exception {
        holdFirstWrite = true;
        int others = 300;
        Map<String, Long> ids = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        CallOpens.Opening first = opens.open(call("c0"));
        threads.add(Thread.ofPlatform().start(() -> ids.put("c0", opens.id(first))));
        assertThat(firstWriteStarted.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= others; i++) {
            String name = "c" + i;
            CallOpens.Opening o = opens.open(call(name));
            threads.add(Thread.ofVirtual().start(() -> ids.put(name, opens.id(o))));
        }
        firstWriteMayFinish.countDown();
        for (Thread t : threads) {
            t.join(10_000);
        }

        assertThat(ids).hasSize(others + 1).doesNotContainValue(null);
        assertThat(ids.values()).doesNotHaveDuplicates();
        // The first alone; the 300 that waited in two statements (at most 256 each), not 300.
        assertThat(writes).hasSize(3);
        assertThat(writes.get(0)).containsExactly("c0");
        assertThat(writes.get(1)).hasSize(CallOpens.MAX_BATCH);
        assertThat(writes.get(2)).hasSize(others - CallOpens.MAX_BATCH);
        assertThat(opens.waiting()).isZero();
    }

    @Test
    void aRowTheDatabaseRefusesDoesNotTakeTheOthersOfItsStatementWithIt() {
        refused = "b";
        CallOpens.Opening a = opens.open(call("a"));
        CallOpens.Opening b = opens.open(call("b"));
        CallOpens.Opening c = opens.open(call("c"));

        assertThat(opens.id(c)).isNotNull();
        assertThat(opens.id(a)).isNotNull();
        assertThat(opens.id(b)).as("refused: that call goes without a log").isNull();
        assertThat(guard.down()).as("a refusal is the database answering").isFalse();
        // The three together (refused), then each alone.
        assertThat(writes).containsExactly(List.of("a", "b", "c"), List.of("a"), List.of("b"), List.of("c"));
    }

    @Test
    void whileTheDatabaseIsDownARowIsNotWrittenAndTheCallGoesWithoutALog() {
        databaseDown = true;
        CallOpens.Opening a = opens.open(call("a"));
        assertThat(opens.id(a)).isNull();
        assertThat(guard.down()).isTrue();
        CallOpens.Opening b = opens.open(call("b"));
        assertThat(opens.id(b)).as("the breaker is open: not even tried").isNull();
        assertThat(writes).containsExactly(List.of("a"));
    }

    private CallLog callLog() {
        return new UnusedCallLog() {
            @Override
            public List<Long> started(List<CallStarted> calls) {
                List<String> names = calls.stream().map(CallStarted::asteriskUniqueId).toList();
                writes.add(names);
                if (holdFirstWrite && writes.size() == 1) {
                    firstWriteStarted.countDown();
                    try {
                        // The other calls start and ask for their rows meanwhile.
                        assertThat(firstWriteMayFinish.await(10, TimeUnit.SECONDS)).isTrue();
                        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                        while (opens.waiting() < 300 && System.nanoTime() < giveUp) {
                            Thread.sleep(1);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (databaseDown) {
                    throw new IllegalStateException("Failed to obtain JDBC Connection",
                            new SQLTransientConnectionException("Connection is not available"));
                }
                if (names.contains(refused)) {
                    throw new IllegalStateException("ERROR: value too long for type character varying(40)");
                }
                return calls.stream().map(c -> nextId.getAndIncrement()).toList();
            }
        };
    }
}
