package vn.dancham.ivr.agi;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.asteriskjava.fastagi.AgiScript;
import vn.dancham.ivr.emulator.AgiConnection;
import vn.dancham.ivr.emulator.AgiEnvironment;
import vn.dancham.ivr.hotline.HotlineFlow;
import vn.dancham.ivr.hotline.HotlineTestFlows;
import vn.dancham.ivr.testing.AgiTestCall;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The FastAGI server over real sockets, with the hotline flow on in-memory ports: a well-formed call, and every
 * kind of bad client answered or dropped without hurting the calls beside it. (Calls against the database are in
 * admin-web's HotlineCallsIT.)
 */
class FastAgiServerIT {

    HotlineTestFlows flows;
    HotlineAgiServer server;

    @BeforeEach
    void start() throws Exception {
        flows = new HotlineTestFlows();
        HotlineFlow flow = flows.flow();
        HotlineAgiScript script = new HotlineAgiScript(flow, "dancham/");
        server = new HotlineAgiServer((request, channel) -> HotlineAgiScript.wants(request) ? script : null,
                InetAddress.getLoopbackAddress(), 0,
                new AgiLimits(Duration.ofMillis(500), Duration.ofSeconds(30), 1024, 64), 100,
                HotlineAgiServer.CallThreads.PLATFORM);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    int port() {
        return server.boundPort();
    }

    @Test
    void aStatusCallOverTheWireSpeaksTheCatalogFilesWithThePrefix() {
        AgiTestCall call = AgiTestCall.run("127.0.0.1", port(), "hotline", "1700000001.1", "0912345678",
                "1 20261234# 1");
        assertThat(call.played()).startsWith("dancham/welcome", "dancham/main-menu", "dancham/enter-receipt",
                "dancham/you-entered", "dancham/num-2", "dancham/num-0");
        assertThat(call.played()).contains("dancham/status-late");
        assertThat(call.commands()).anySatisfy(c -> assertThat(c).startsWith("WAIT FOR DIGIT 5000"));
        assertThat(call.commands()).anySatisfy(c -> assertThat(c).startsWith("GET DATA \"dancham/enter-receipt\" 8000"));
    }

    @Test
    void unknownScriptGetsAClearFailureStatusAndTheConnectionCloses() {
        try (AgiConnection client = AgiConnection.connect("127.0.0.1", port(), Duration.ofSeconds(30))) {
            client.sendEnvironment(AgiEnvironment.incoming("no-such-script", "1700000001.2", "0912345678"));
            List<String> commands = new ArrayList<>();
            String command;
            while ((command = client.readCommand()) != null) {
                commands.add(command);
                client.reply(1);
            }
            assertThat(commands).contains("SET VARIABLE \"AJ_AGISTATUS\" \"NOT_FOUND\"");
        }
    }

    @Test
    void aRequestWithoutAnyScriptIsAnsweredAsNotFound() {
        Map<String, String> env = AgiEnvironment.incoming("hotline", "1700000001.3", null);
        env.remove("agi_network_script");
        env.remove("agi_request");
        try (AgiConnection client = AgiConnection.connect("127.0.0.1", port(), Duration.ofSeconds(30))) {
            client.sendEnvironment(env);
            String first = client.readCommand();
            client.reply(1);
            assertThat(first).contains("NOT_FOUND");
        }
    }

    @Test
    void withoutTheNetworkScriptLineTheRequestUrlNamesTheScript() {
        Map<String, String> env = AgiEnvironment.incoming("hotline?office=12", "1700000001.11", "0912345678");
        env.remove("agi_network_script");
        AgiTestCall call = AgiTestCall.run("127.0.0.1", port(), env, "T T T");
        assertThat(call.played()).contains("dancham/welcome", "dancham/goodbye");
    }

    @Test
    void aMissingUniqueIdStillGetsTheCallServed() {
        Map<String, String> env = AgiEnvironment.incoming("hotline", "x", "0912345678");
        env.remove("agi_uniqueid");
        AgiTestCall call = AgiTestCall.run("127.0.0.1", port(), env, "T T T");
        assertThat(call.played()).contains("dancham/welcome", "dancham/goodbye");
        assertThat(call.commands()).contains("HANGUP");
    }

    @Test
    void garbageEnvironmentLinesAreTolerated() {
        Map<String, String> env = AgiEnvironment.incoming("hotline", "1700000001.4", "0912345678");
        env.put("this is not an agi line", "");
        env.put("agi_priority", "not-a-number");
        AgiTestCall call = AgiTestCall.run("127.0.0.1", port(), env, "T T T");
        assertThat(call.played()).contains("dancham/goodbye");
    }

    @Test
    void anOversizedLineIsDroppedAndOtherCallsCarryOn() {
        try (AgiConnection bad = AgiConnection.connect("127.0.0.1", port(), Duration.ofSeconds(30))) {
            bad.trySend(("agi_network: yes\nagi_network_script: " + "x".repeat(1_000_000)).getBytes());
            assertThat(bad.closedByServer()).isTrue();
        }
        assertThat(AgiTestCall.run("127.0.0.1", port(), "hotline", "1700000001.5", null, "T T T").played())
                .contains("dancham/goodbye");
    }

    @Test
    void tooManyEnvironmentLinesAreDropped() {
        try (AgiConnection bad = AgiConnection.connect("127.0.0.1", port(), Duration.ofSeconds(30))) {
            bad.trySend("agi_x: y\n".repeat(1000).getBytes());
            assertThat(bad.closedByServer()).isTrue();
        }
    }

    @Test
    void binaryGarbageIsDropped() {
        try (AgiConnection bad = AgiConnection.connect("127.0.0.1", port(), Duration.ofSeconds(30))) {
            byte[] garbage = new byte[100_000];
            new java.util.Random(7).nextBytes(garbage);
            bad.trySend(garbage);
            assertThat(bad.closedByServer()).isTrue();
        }
    }

    @Test
    void anIdleConnectionIsClosedWhileCallsAreServed() {
        try (AgiConnection idle = AgiConnection.connect("127.0.0.1", port(), Duration.ofSeconds(30))) {
            idle.send("agi_network: yes\n"); // and then nothing
            assertThat(AgiTestCall.run("127.0.0.1", port(), "hotline", "1700000001.6", null, "T T T").played())
                    .contains("dancham/goodbye");
            assertThat(idle.closedByServer()).isTrue();
        }
    }

    /**
     * Replies are read without a socket timeout (issue 16: a timer per read on a virtual thread); the command timeout
     * still holds: an Asterisk that stops answering mid-call is cut after it, the call ends and its row is closed,
     * while the calls beside it go on.
     */
    @Test
    void anAsteriskThatStopsReplyingMidCallIsCutAfterTheCommandTimeout() throws Exception {
        HotlineTestFlows own = new HotlineTestFlows();
        HotlineAgiScript script = new HotlineAgiScript(own.flow(), "dancham/");
        HotlineAgiServer strict = new HotlineAgiServer((request, channel) -> script, InetAddress.getLoopbackAddress(),
                0, new AgiLimits(Duration.ofSeconds(5), Duration.ofMillis(800), 1024, 64), 10,
                HotlineAgiServer.CallThreads.PLATFORM);
        strict.start();
        try (AgiConnection stalled = AgiConnection.connect("127.0.0.1", strict.boundPort(), Duration.ofSeconds(30))) {
            stalled.sendEnvironment(AgiEnvironment.incoming("hotline", "1700000003.1", "0912345678"));
            assertThat(stalled.readCommand()).startsWith("STREAM FILE \"dancham/welcome\"");
            long askedAt = System.nanoTime();
            // A call beside it is served at full speed meanwhile (well within the stalled one's limit).
            assertThat(AgiTestCall.run("127.0.0.1", strict.boundPort(), "hotline", "1700000003.2", null, "T T T")
                    .played()).contains("dancham/goodbye");
            // ... and no answer on this one: the server closes it once the command timeout has passed.
            assertThat(stalled.closedByServer()).isTrue();
            Duration waited = Duration.ofNanos(System.nanoTime() - askedAt);
            assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(800)).isLessThan(Duration.ofSeconds(10));
        } finally {
            strict.stop(Duration.ofSeconds(2));
        }
        assertThat(own.callsEnded()).isEqualTo(2);
    }

    @Test
    void garbageRepliesMidCallEndTheCallCleanly() {
        try (AgiConnection client = AgiConnection.connect("127.0.0.1", port(), Duration.ofSeconds(30))) {
            client.sendEnvironment(AgiEnvironment.incoming("hotline", "1700000001.7", "0912345678"));
            client.readCommand();
            client.send("HANGUP\n".repeat(10_000) + "garbage that is not a reply\n");
            String next;
            while ((next = client.readCommand()) != null) {
                client.replyDead();
            }
        }
        assertThat(flows.callsEnded()).isEqualTo(1);
    }

    @Test
    void keysPressedDuringAPromptBargeIn() {
        AgiTestCall call = AgiTestCall.run("127.0.0.1", port(), "hotline", "1700000001.8", "0912345678",
                "!1 20261234# !1");
        // '1' interrupted the menu (STREAM FILE answered 49) and '1' interrupted the read-back
        assertThat(call.played()).containsSubsequence("dancham/main-menu", "dancham/enter-receipt",
                "dancham/you-entered", "dancham/dossier");
        assertThat(call.played()).doesNotContain("dancham/confirm-receipt");
    }

    @Test
    void silenceOnGetDataIsANoInputThenBackToTheMenu() {
        AgiTestCall call = AgiTestCall.run("127.0.0.1", port(), "hotline", "1700000001.9", "0912345678",
                "1 T T T");
        assertThat(call.played()).containsSubsequence("dancham/enter-receipt", "dancham/no-input",
                "dancham/enter-receipt", "dancham/no-input", "dancham/enter-receipt", "dancham/back-to-menu",
                "dancham/main-menu");
    }

    @Test
    void callsOverTheLimitAreRefusedAtOnceWhileTheOthersGoOn() throws Exception {
        HotlineFlow flow = new HotlineTestFlows().flow();
        HotlineAgiScript script = new HotlineAgiScript(flow, "dancham/");
        HotlineAgiServer small = new HotlineAgiServer((request, channel) -> script, InetAddress.getLoopbackAddress(),
                0, new AgiLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), 1024, 64), 1,
                HotlineAgiServer.CallThreads.PLATFORM);
        small.start();
        try (AgiConnection first = AgiConnection.connect("127.0.0.1", small.boundPort(), Duration.ofSeconds(30))) {
            first.sendEnvironment(AgiEnvironment.incoming("hotline", "1700000002.1", null));
            assertThat(first.readCommand()).startsWith("STREAM FILE"); // the first call is being served
            try (AgiConnection second = AgiConnection.connect("127.0.0.1", small.boundPort(),
                    Duration.ofSeconds(30))) {
                assertThat(second.closedByServer()).isTrue();
            }
            first.reply(0, null, 100);
            assertThat(first.readCommand()).startsWith("STREAM FILE \"dancham/main-menu\"");
        } finally {
            small.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void aMissingSoundIsSkippedAndAFailedWaitEndsTheCall() {
        try (AgiConnection client = AgiConnection.connect("127.0.0.1", port(), Duration.ofSeconds(30))) {
            client.sendEnvironment(AgiEnvironment.incoming("hotline", "1700000001.10", "0912345678"));
            assertThat(client.readCommand()).isEqualTo("STREAM FILE \"dancham/welcome\" \"\"");
            client.reply(-1, null, 0); // Asterisk's answer when the sound file is missing
            // ... or when the caller hung up at the first sample: the server asks, the channel is up (6).
            assertThat(client.readCommand()).isEqualTo("CHANNEL STATUS");
            client.reply(6);
            assertThat(client.readCommand()).startsWith("STREAM FILE \"dancham/main-menu\"");
            client.reply(0, null, 1000);
            assertThat(client.readCommand()).startsWith("WAIT FOR DIGIT");
            client.reply(-1); // the channel went away while waiting
            String next;
            while ((next = client.readCommand()) != null) {
                assertThat(next).doesNotStartWith("STREAM FILE");
                client.replyDead();
            }
        }
        assertThat(flows.callsEnded()).isEqualTo(1);
    }

    @Test
    void fiftyConcurrentCallsAreAllServed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<Future<AgiTestCall>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                String id = "1700000100." + i;
                calls.add(pool.submit(() -> AgiTestCall.run("127.0.0.1", port(), "hotline", id, "0912345678",
                        "2 2 12# 5 4 3")));
            }
            for (Future<AgiTestCall> call : calls) {
                assertThat(call.get().played()).contains("dancham/rating-thanks");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(flows.ratingsStored()).isEqualTo(150);
        assertThat(flows.callsEnded()).isEqualTo(50);
    }

    @ParameterizedTest
    @EnumSource(HotlineAgiServer.CallThreads.class)
    void aCallRunsOnTheKindOfThreadAskedFor(HotlineAgiServer.CallThreads threads) throws Exception {
        Map<String, Boolean> ran = new ConcurrentHashMap<>();
        AgiScript script = (request, channel) -> ran.put(Thread.currentThread().getName(),
                Thread.currentThread().isVirtual());
        HotlineAgiServer server = new HotlineAgiServer((request, channel) -> script,
                InetAddress.getLoopbackAddress(), 0,
                new AgiLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), 1024, 64), 10, threads);
        server.start();
        try (AgiConnection call = AgiConnection.connect("127.0.0.1", server.boundPort(), Duration.ofSeconds(30))) {
            call.sendEnvironment(AgiEnvironment.incoming("hotline", "1700000300.1", "0912345678"));
            answerUntilClosed(call);
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
        assertThat(ran).hasSize(1);
        assertThat(ran.keySet().iterator().next()).startsWith("agi-call-");
        // One call at a time: MIXED runs it on a platform thread.
        assertThat(ran.values().iterator().next()).isEqualTo(threads == HotlineAgiServer.CallThreads.VIRTUAL);
        assertThat(server.threads()).isEqualTo(threads);
    }

    /**
     * Platform threads are not a cap below {@code max-calls}: 300 calls held at once each get their own thread (the
     * pool of platform threads used on old JDKs stopped at 200), and a call over {@code max-calls} is still refused.
     */
    @Test
    void manyCallsHeldAtOnceEachHaveTheirOwnPlatformThread() throws Exception {
        int held = 300;
        CountDownLatch allIn = new CountDownLatch(held);
        Map<String, Boolean> threadsSeen = new ConcurrentHashMap<>();
        AgiScript script = (request, channel) -> {
            threadsSeen.put(Thread.currentThread().getName(), Thread.currentThread().isVirtual());
            allIn.countDown();
            try {
                allIn.await(30, TimeUnit.SECONDS); // every call holds its thread until all have one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        HotlineAgiServer server = new HotlineAgiServer((request, channel) -> script,
                InetAddress.getLoopbackAddress(), 0,
                new AgiLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 1024, 64), held,
                HotlineAgiServer.CallThreads.PLATFORM);
        server.start();
        List<AgiConnection> calls = new ArrayList<>();
        try {
            connect(server, held, "1700000400.", calls);
            assertThat(allIn.await(30, TimeUnit.SECONDS)).as("all %d calls running at once", held).isTrue();
            assertThat(threadsSeen).hasSize(held).doesNotContainValue(true);
            calls.forEach(FastAgiServerIT::answerUntilClosed);
        } finally {
            calls.forEach(AgiConnection::close);
            server.stop(Duration.ofSeconds(2));
        }
    }

    /**
     * MIXED: the first calls at once (here 10) run on platform threads, the calls beyond on virtual threads, all at
     * the same time; once they ended, the next call runs on one of the platform threads kept.
     */
    @Test
    void mixedRunsTheFirstCallsAtOnceOnPlatformThreadsAndTheRestOnVirtualThreads() throws Exception {
        int held = 40;
        int platformCalls = 10;
        CountDownLatch allIn = new CountDownLatch(held);
        Map<String, Boolean> threadsSeen = new ConcurrentHashMap<>();
        AgiScript script = (request, channel) -> {
            threadsSeen.put(request.getUniqueId() + " " + Thread.currentThread().getName(),
                    Thread.currentThread().isVirtual());
            allIn.countDown();
            try {
                allIn.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        HotlineAgiServer server = new HotlineAgiServer((request, channel) -> script,
                InetAddress.getLoopbackAddress(), 0,
                new AgiLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 1024, 64), held,
                HotlineAgiServer.CallThreads.MIXED, platformCalls);
        server.start();
        List<AgiConnection> calls = new ArrayList<>();
        try {
            connect(server, held, "1700000600.", calls);
            assertThat(allIn.await(30, TimeUnit.SECONDS)).as("all %d calls running at once", held).isTrue();
            assertThat(threadsSeen.values().stream().filter(v -> !v)).as("calls on platform threads")
                    .hasSize(platformCalls);
            assertThat(threadsSeen.values().stream().filter(v -> v)).as("calls on virtual threads")
                    .hasSize(held - platformCalls);
            calls.forEach(FastAgiServerIT::answerUntilClosed);
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.activeCalls() != 0 && System.nanoTime() < giveUp) {
                Thread.sleep(5);
            }
            assertThat(server.activeCalls()).isZero();

            threadsSeen.clear();
            // The same script: its latch is at zero now, the call goes straight through.
            try (AgiConnection next = AgiConnection.connect("127.0.0.1", server.boundPort(), Duration.ofSeconds(30))) {
                next.sendEnvironment(AgiEnvironment.incoming("hotline", "1700000600.next", "0912345678"));
                answerUntilClosed(next);
            }
            assertThat(threadsSeen).hasSize(1).doesNotContainValue(true);
        } finally {
            calls.forEach(AgiConnection::close);
            server.stop(Duration.ofSeconds(2));
        }
    }

    /** MIXED: a machine that refuses a platform thread gets the call run on a virtual one, not refused. */
    @Test
    void mixedRunsACallOnAVirtualThreadWhenNoPlatformThreadCanBeStarted() throws Exception {
        java.util.concurrent.ThreadFactory refusing = task -> {
            throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource "
                    + "limits reached");
        };
        Map<String, Boolean> ran = new ConcurrentHashMap<>();
        AgiScript script = (request, channel) -> ran.put(request.getUniqueId(), Thread.currentThread().isVirtual());
        HotlineAgiServer server = new HotlineAgiServer((request, channel) -> script,
                InetAddress.getLoopbackAddress(), 0,
                new AgiLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), 1024, 64), 10,
                HotlineAgiServer.CallThreads.MIXED, 4, refusing);
        server.start();
        try (AgiConnection served = AgiConnection.connect("127.0.0.1", server.boundPort(), Duration.ofSeconds(30))) {
            served.sendEnvironment(AgiEnvironment.incoming("hotline", "1700000700.1", "0912345678"));
            answerUntilClosed(served);
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
        assertThat(ran).containsExactly(Map.entry("1700000700.1", true));
    }

    /** Opens {@code n} calls and sends each its environment (unique ids {@code prefix + i}); adds them to {@code calls}. */
    private static void connect(HotlineAgiServer server, int n, String prefix, List<AgiConnection> calls) {
        for (int i = 0; i < n; i++) {
            AgiConnection call = AgiConnection.connect("127.0.0.1", server.boundPort(), Duration.ofSeconds(30));
            calls.add(call);
            call.sendEnvironment(AgiEnvironment.incoming("hotline", prefix + i, "0912345678"));
        }
    }

    /** Answers what the library sends after the script (its AJ_AGISTATUS variable) until the server closes. */
    private static void answerUntilClosed(AgiConnection call) {
        while (call.readCommand() != null) {
            call.reply(1);
        }
    }

    /**
     * A machine that cannot start another thread (its thread or memory-map limit reached below {@code max-calls})
     * refuses that call like one over the limit, and the server goes on serving the next.
     */
    @Test
    void aCallNoThreadCanBeStartedForIsRefusedAndTheServerGoesOn() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ThreadFactory factory = task -> {
            if (asked.incrementAndGet() == 1) {
                throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource "
                        + "limits reached");
            }
            return Thread.ofPlatform().name("agi-call-test-", 0).daemon(true).unstarted(task);
        };
        Map<String, Boolean> ran = new ConcurrentHashMap<>();
        AgiScript script = (request, channel) -> ran.put(request.getUniqueId(), Boolean.TRUE);
        HotlineAgiServer server = new HotlineAgiServer((request, channel) -> script,
                InetAddress.getLoopbackAddress(), 0,
                new AgiLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), 1024, 64), 10,
                HotlineAgiServer.CallThreads.PLATFORM, 1, factory);
        server.start();
        try {
            try (AgiConnection refused = AgiConnection.connect("127.0.0.1", server.boundPort(),
                    Duration.ofSeconds(30))) {
                assertThat(refused.closedByServer()).isTrue();
            }
            try (AgiConnection served = AgiConnection.connect("127.0.0.1", server.boundPort(),
                    Duration.ofSeconds(30))) {
                served.sendEnvironment(AgiEnvironment.incoming("hotline", "1700000500.2", "0912345678"));
                answerUntilClosed(served);
            }
            assertThat(ran).containsOnlyKeys("1700000500.2");
            // The served call's thread counts itself out just after its socket closed; the refused one never in.
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.activeCalls() != 0 && System.nanoTime() < giveUp) {
                Thread.sleep(5);
            }
            assertThat(server.activeCalls()).isZero();
        } finally {
            server.stop(Duration.ofSeconds(2));
        }
    }
}
