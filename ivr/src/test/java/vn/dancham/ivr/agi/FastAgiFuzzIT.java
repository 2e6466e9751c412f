package vn.dancham.ivr.agi;

import org.junit.jupiter.api.Test;
import vn.dancham.ivr.emulator.AgiConnection;
import vn.dancham.ivr.emulator.AgiEnvironment;
import vn.dancham.ivr.hotline.HotlineTestFlows;
import vn.dancham.ivr.testing.AgiTestCall;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated FastAGI sessions (seeded, so a failure can be replayed): broken environments, garbage bytes,
 * random replies — result codes, 510/511/520, HANGUP lines, lines cut short — and EOF at any point. After all of
 * them the server still serves a real call, no call is left running, and every call the flow began was closed
 * exactly once. Small by default; {@code -Dfuzz.cases=20000} for a long run.
 */
class FastAgiFuzzIT {

    static final int CASES = Integer.getInteger("fuzz.cases", 250);
    static final long SEED = Long.getLong("fuzz.seed", 20261122L);

    static final String[] REPLIES = {
            "200 result=0", "200 result=0 endpos=8000", "200 result=49", "200 result=50", "200 result=35",
            "200 result=-1", "200 result=-1 (hangup) endpos=100", "200 result=-1 (writefile)", "200 result=1",
            "200 result= (timeout)", "200 result=12345", "200 result=2026001234", "200 result=1 (BUSY)",
            "200 result=1 (ANSWER)", "200 result=35 (dtmf) endpos=24000", "510 Invalid or unknown command",
            "511 Command Not Permitted on a dead channel or intercept routine", "HANGUP", "200", "", "garbage",
            "200 result=abc", "200 result=99999999999999999999", "520 Invalid command syntax.  Proper usage follows:"};

    @Test
    void randomAndMutatedSessionsNeverHurtTheServer() throws Exception {
        HotlineTestFlows flows = new HotlineTestFlows();
        try (TestAgiServers.Running server = TestAgiServers.start(flows.flow())) {
            Random random = new Random(SEED);
            for (int i = 0; i < CASES; i++) {
                session(server.port(), random, i);
            }
            // A real call is still served in full.
            assertThat(AgiTestCall.run("127.0.0.1", server.port(), "hotline", "fuzz-final", "0912345678",
                    "1 20261234# 1").played()).contains("dancham/status-late");
            awaitNoCalls(server.server());
            assertThat(flows.callsEnded()).as("every call the flow began was closed once")
                    .isEqualTo(flows.callsStarted());
        }
    }

    private static void session(int port, Random random, int n) {
        // A short read timeout: after an incomplete reply (a lone HANGUP or 520 line) the server rightly waits for
        // the rest; the fuzzing "Asterisk" then hangs up (EOF), as a real one never leaves a reply half-sent.
        try (AgiConnection client = AgiConnection.connect("127.0.0.1", port, Duration.ofMillis(500))) {
            Map<String, String> env = AgiEnvironment.incoming(random.nextInt(10) == 0 ? "nope" : "hotline",
                    "fuzz-" + n, random.nextBoolean() ? "0912345678" : null);
            StringBuilder head = new StringBuilder();
            List<String> keys = new ArrayList<>(env.keySet());
            for (String key : keys) {
                int r = random.nextInt(40);
                if (r == 0) {
                    continue; // a line missing
                }
                if (r == 1) {
                    head.append(key).append(' ').append(env.get(key)).append('\n'); // no colon
                    continue;
                }
                head.append(key).append(": ").append(env.get(key)).append('\n');
            }
            if (random.nextInt(25) == 0) {
                byte[] junk = new byte[random.nextInt(3000)];
                random.nextBytes(junk);
                client.trySend(junk);
            }
            if (random.nextInt(30) == 0) {
                client.trySend(head.substring(0, random.nextInt(head.length() + 1)).getBytes(StandardCharsets.UTF_8));
                return; // EOF in the middle of the environment
            }
            if (!client.trySend((head + "\n").getBytes(StandardCharsets.UTF_8))) {
                return;
            }
            int commands = random.nextInt(120);
            for (int c = 0; c < commands; c++) {
                String command = client.pollCommand();
                if (command == null) {
                    return;
                }
                String reply = random.nextInt(4) == 0 ? REPLIES[random.nextInt(REPLIES.length)]
                        : plausible(command, random);
                if (!client.trySend((reply + "\n").getBytes(StandardCharsets.UTF_8))) {
                    return;
                }
            }
            // then EOF: the caller's channel is gone
        }
    }

    /** What Asterisk would plausibly answer, with random keys. */
    private static String plausible(String command, Random random) {
        if (command.startsWith("WAIT FOR DIGIT")) {
            return "200 result=" + (random.nextInt(5) == 0 ? 0 : "0123456789*#".charAt(random.nextInt(12)));
        }
        if (command.startsWith("GET DATA")) {
            return random.nextInt(4) == 0 ? "200 result= (timeout)" : "200 result=" + (random.nextInt(3) == 0
                    ? "20261234" : Integer.toString(random.nextInt(100_000)));
        }
        if (command.startsWith("STREAM FILE")) {
            return random.nextInt(6) == 0 ? "200 result=" + (int) "12340*#".charAt(random.nextInt(7)) + " endpos=10"
                    : "200 result=0 endpos=8000";
        }
        if (command.startsWith("RECORD FILE")) {
            return "200 result=35 (dtmf) endpos=" + random.nextInt(100_000);
        }
        if (command.startsWith("GET VARIABLE")) {
            return "200 result=1 (" + List.of("ANSWER", "BUSY", "NOANSWER", "CANCEL").get(random.nextInt(4)) + ")";
        }
        return "200 result=1";
    }

    private static void awaitNoCalls(HotlineAgiServer server) throws InterruptedException {
        for (int i = 0; i < 300 && server.activeCalls() > 0; i++) {
            Thread.sleep(100);
        }
        assertThat(server.activeCalls()).as("calls still running after every client left").isZero();
    }
}
