package vn.dancham.ivr.emulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioSystem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emulator's replies, byte for byte, to a FastAGI "server" in the test that sends raw commands over a real
 * socket and reads what comes back: every reply form Asterisk 22's {@code res/res_agi.c} gives (and the transcripts in
 * {@code ../shared/asterisk/}), the dead channel after a hangup, 510/520, and failures a plan injects.
 */
class AsteriskEmulatorIT {

    ServerSocket server;

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sendsTheEnvironmentAsAsteriskDoesThenABlankLine() throws Exception {
        Exchange x = exchange(new Plan(), List.of());
        assertThat(x.environment).startsWith("agi_network: yes", "agi_network_script: hotline?office=12",
                "agi_request: agi://127.0.0.1/hotline?office=12", "agi_channel: PJSIP/trunk-1796133196-10");
        assertThat(x.environment).contains("agi_version: 22.10.1", "agi_callerid: 0912345678",
                "agi_callingpres: 0", "agi_enhanced: 0.0", "agi_accountcode: ");
        assertThat(x.environment).last().asString().startsWith("agi_threadid: ");
        assertThat(x.result.ending()).isEqualTo(AsteriskEmulator.Ending.SERVER_CLOSED);
    }

    @Test
    void promptsArePlayedInterruptedOrMissingAsRecordedFromAsterisk() throws Exception {
        Plan plan = new Plan(Act.NOTHING, Act.press('2'), Act.press('9'), Act.missingFile());
        Exchange x = exchange(plan, List.of("STREAM FILE \"dancham/welcome\" \"\"",
                "STREAM FILE \"dancham/main-menu\" \"0123\"", "STREAM FILE \"dancham/main-menu\" \"0123\"",
                "STREAM FILE \"dancham/gone\" \"\""));
        assertThat(x.replies).containsExactly("200 result=0 endpos=16000", "200 result=50 endpos=4000",
                "200 result=0 endpos=16000", "200 result=-1 endpos=0");
        assertThat(plan.heard).containsExactly("dancham/welcome", "dancham/main-menu", "dancham/main-menu",
                "dancham/gone");
    }

    @Test
    void digitsAndKeysComeBackAsResAgiWritesThem() throws Exception {
        Plan plan = new Plan(Act.type("2026000010"), Act.typeThenWait("2"), Act.NOTHING, Act.press('1'),
                Act.NOTHING, Act.NOTHING, Act.press('#'));
        Exchange x = exchange(plan, List.of("GET DATA \"dancham/enter-receipt\" 8000 21",
                "GET DATA \"dancham/enter-receipt\" 8000 21", "GET DATA \"dancham/enter-receipt\" 8000 21",
                "WAIT FOR DIGIT 5000", "WAIT FOR DIGIT 5000", "GET OPTION \"dancham/menu\" \"12\" 3000"));
        assertThat(x.replies).containsExactly("200 result=2026000010", "200 result=2 (timeout)",
                "200 result= (timeout)", "200 result=49", "200 result=0", "200 result=35 endpos=16000");
    }

    @Test
    void aCallerWhoHangsUpDuringAPromptLeavesADeadChannel() throws Exception {
        Exchange x = exchange(new Plan(Act.hangUp()), List.of("STREAM FILE \"dancham/main-menu\" \"0123\"",
                "WAIT FOR DIGIT 5000", "HANGUP", "SET VARIABLE \"AJ_AGISTATUS\" \"SUCCESS\"",
                "GET VARIABLE \"AJ_AGISTATUS\"", "NO SUCH THING"));
        // As ../shared/asterisk/rating-barge-in.txt: -1 with the position, HANGUP, then 511 but for what a dead
        // channel still runs (SET/GET VARIABLE); an unknown command is still 510.
        assertThat(x.replies).containsExactly("200 result=-1 endpos=18720|HANGUP",
                AgiConnection.DEAD_CHANNEL, AgiConnection.DEAD_CHANNEL, "200 result=1", "200 result=1 (SUCCESS)",
                "510 Invalid or unknown command");
        assertThat(x.result.hungUp()).isTrue();
    }

    @Test
    void aCallerWhoHangsUpBetweenCommandsIsAnnouncedBeforeThe511() throws Exception {
        Plan plan = new Plan();
        plan.before.put("GET DATA", Act.hangUp());
        Exchange x = exchange(plan, List.of("GET DATA \"dancham/enter-receipt\" 8000 21", "VERBOSE \"bye\" 1"));
        assertThat(x.replies).containsExactly("HANGUP|" + AgiConnection.DEAD_CHANNEL, "200 result=1");
    }

    @Test
    void theScriptsOwnHangupIsConfirmedThenTheChannelIsDead() throws Exception {
        Exchange x = exchange(new Plan(), List.of("ANSWER", "HANGUP", "STREAM FILE \"dancham/x\" \"\""));
        assertThat(x.replies).containsExactly("200 result=0", "200 result=1|HANGUP", AgiConnection.DEAD_CHANNEL);
    }

    @Test
    void recordingsAreWrittenAsWavFilesOfTheLengthSpokenOrFailAsAsteriskDoes(@TempDir Path dir) throws Exception {
        Plan plan = new Plan(Act.speak(3, '#'), Act.recordFails(Act.RecordFailure.RANDOMERROR),
                Act.recordFails(Act.RecordFailure.WRITEFILE), Act.hangUp());
        String file = dir.resolve("2026/12/01/call-1").toString();
        Exchange x = exchange(plan, List.of("RECORD FILE \"" + file + "\" \"wav\" \"#\" 120000 0 s=5",
                "RECORD FILE \"" + file + "-2\" \"wav\" \"#\" 120000 0 BEEP s=5",
                "RECORD FILE \"" + file + "-3\" \"wav\" \"#\" 120000",
                "RECORD FILE \"" + file + "-4\" \"wav\" \"#\" 120000"));
        assertThat(x.replies).containsExactly("200 result=35 (dtmf) endpos=24000",
                "200 result=-1 (randomerror) endpos=0", "200 result=-1 (writefile)",
                "200 result=-1 (hangup) endpos=0|HANGUP");
        Path wav = Path.of(file + ".wav");
        try (var audio = AudioSystem.getAudioInputStream(wav.toFile())) {
            assertThat(audio.getFrameLength() / audio.getFormat().getFrameRate()).isEqualTo(3.0f);
        }
        assertThat(plan.beeps).containsExactly(false, true, false, false);
    }

    @Test
    void withARecordingsRootOnlyFilesUnderItAreWrittenAndTheCallerIsAnsweredTheSame(@TempDir Path dir)
            throws Exception {
        Plan plan = new Plan(Act.speak(1, '#'), Act.speak(1, null), Act.speak(1, '#'));
        Exchange x = exchange(plan, List.of("RECORD FILE \"../escape\" \"wav\" \"#\" 120000",
                        "RECORD FILE \"inside/one\" \"sln\" \"#\" 120000"),
                AsteriskEmulator.Options.DEFAULT.withRecordingsRoot(dir.resolve("root")));
        assertThat(x.replies).containsExactly("200 result=35 (dtmf) endpos=8000", "200 result=0 (timeout) endpos=8000");
        assertThat(Files.size(dir.resolve("root/inside/one.sln"))).isEqualTo(16_000);
        assertThat(dir.resolve("escape.wav")).doesNotExist();

        Exchange none = exchange(plan, List.of("RECORD FILE \"" + dir.resolve("none") + "\" \"wav\" \"#\" 1000"),
                AsteriskEmulator.Options.DEFAULT.withoutRecordings());
        assertThat(none.replies).containsExactly("200 result=35 (dtmf) endpos=8000");
        assertThat(dir.resolve("none.wav")).doesNotExist();
    }

    @Test
    void dialSetsDialstatusForGetVariableAndGetFullVariable() throws Exception {
        Exchange x = exchange(new Plan(), List.of("GET VARIABLE \"DIALSTATUS\"",
                "EXEC \"Dial\" \"PJSIP/0905111222@trunk,30\"", "GET VARIABLE \"DIALSTATUS\"",
                "GET FULL VARIABLE \"${DIALSTATUS}/${NOPE}\"", "EXEC \"Playback\" \"x\"", "CHANNEL STATUS"));
        assertThat(x.replies).containsExactly("200 result=0", "200 result=0", "200 result=1 (BUSY)",
                "200 result=1 (BUSY/)", "200 result=0", "200 result=6");
    }

    @Test
    void unknownAndMalformedCommandsGet510And520() throws Exception {
        Exchange x = exchange(new Plan(), List.of("FLY ME TO THE MOON", "STREAM FILE", ""));
        assertThat(x.replies).containsExactly("510 Invalid or unknown command",
                "520-Invalid command syntax.  Proper usage follows:| Usage: stream file …|520 End of proper usage.",
                "510 Invalid or unknown command");
    }

    @Test
    void aPlanCanInjectAnyReplyAndSeesEachCommandAndReplyInOrder() throws Exception {
        Plan plan = new Plan();
        plan.before.put("ANSWER", Act.reply(AgiConnection.DEAD_CHANNEL));
        plan.before.put("NOOP", Act.reply("garbage that is not a reply"));
        Exchange x = exchange(plan, List.of("ANSWER", "NOOP", "VERBOSE \"x\" 1"));
        assertThat(x.replies).containsExactly(AgiConnection.DEAD_CHANNEL, "garbage that is not a reply",
                "200 result=1");
        assertThat(plan.log).containsExactly("sent env", "command ANSWER", "sent " + AgiConnection.DEAD_CHANNEL,
                "command NOOP", "sent garbage that is not a reply", "command VERBOSE \"x\" 1", "sent 200 result=1");
    }

    @Test
    void aServerThatGoesQuietOrNeverStopsEndsTheCallAsSuch() throws Exception {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        CompletableFuture<Void> quiet = CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                Thread.sleep(2_000);
            } catch (Exception ignored) {
                // the test is over
            }
        });
        try (AgiConnection line = AgiConnection.connect("127.0.0.1", server.getLocalPort(), Duration.ofMillis(300))) {
            AsteriskEmulator.Result result = AsteriskEmulator.call(line, env(), new Plan(),
                    AsteriskEmulator.Options.DEFAULT);
            assertThat(result.ending()).isEqualTo(AsteriskEmulator.Ending.SILENT);
        }
        quiet.get(5, TimeUnit.SECONDS);
        server.close();

        List<String> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add("NOOP");
        }
        Exchange x = exchange(new Plan(), many, AsteriskEmulator.Options.DEFAULT.withMaxCommands(5));
        assertThat(x.result.ending()).isEqualTo(AsteriskEmulator.Ending.RUNAWAY);
        assertThat(x.result.commands()).isEqualTo(6);
    }

    // ---- a FastAGI "server" that sends raw commands and collects the raw replies --------------------------------

    record Exchange(List<String> environment, List<String> replies, AsteriskEmulator.Result result) {
    }

    static Map<String, String> env() {
        return AgiEnvironment.incoming("hotline?office=12", "1796133196.10", "0912345678");
    }

    Exchange exchange(Plan plan, List<String> commands) throws Exception {
        return exchange(plan, commands, AsteriskEmulator.Options.DEFAULT);
    }

    Exchange exchange(Plan plan, List<String> commands, AsteriskEmulator.Options options) throws Exception {
        close();
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        List<String> environment = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        CompletableFuture<Void> script = CompletableFuture.runAsync(() -> {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                        StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                String line;
                while (!(line = in.readLine()).isEmpty()) {
                    environment.add(line);
                }
                for (String command : commands) {
                    out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    String reply = readReply(in);
                    if (reply == null) {
                        break; // the line hung up on us
                    }
                    replies.add(reply);
                }
            } catch (IOException e) {
                // the line dropped the connection: the replies so far are what the test checks
            }
        });
        AsteriskEmulator.Result result;
        try (AgiConnection line = AgiConnection.connect("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(10))) {
            result = AsteriskEmulator.call(line, env(), plan, options);
        }
        script.get(10, TimeUnit.SECONDS);
        return new Exchange(environment, replies, result);
    }

    /** One reply: a HANGUP line belongs with what follows; a 520- block runs to its last line. Lines joined by |. */
    private static String readReply(BufferedReader in) throws IOException {
        StringBuilder reply = new StringBuilder();
        String line = in.readLine();
        if (line == null) {
            return null;
        }
        while (line != null) {
            reply.append(reply.isEmpty() ? "" : "|").append(line);
            boolean more = line.equals("HANGUP") && reply.length() == 6 || line.startsWith("520-")
                    || (reply.toString().contains("520-") && !line.startsWith("520 "));
            if (!more) {
                break;
            }
            line = in.readLine();
        }
        // A HANGUP after a reply comes at once, on its own line: read it if it is there.
        if (!reply.toString().contains("HANGUP") && in.ready()) {
            in.mark(64);
            String next = in.readLine();
            if ("HANGUP".equals(next)) {
                reply.append("|HANGUP");
            } else {
                in.reset();
            }
        }
        return reply.toString();
    }

    /** Acts taken in order at every moment the line asks; DIALSTATUS BUSY; a log of the timing hooks. */
    static final class Plan implements CallerPlan {

        final Deque<Act> acts;
        final Map<String, Act> before = new HashMap<>();
        final List<String> heard = new ArrayList<>();
        final List<Boolean> beeps = new ArrayList<>();
        final List<String> log = new ArrayList<>();

        Plan(Act... acts) {
            this.acts = new ArrayDeque<>(List.of(acts));
        }

        private Act next() {
            return acts.isEmpty() ? Act.NOTHING : acts.poll();
        }

        @Override
        public Act command(String line, long arrivedNanos) {
            log.add("command " + line);
            return before.entrySet().stream().filter(e -> line.startsWith(e.getKey())).map(Map.Entry::getValue)
                    .findFirst().orElse(Act.NOTHING);
        }

        @Override
        public void sent(String text, long sentNanos) {
            log.add(text.startsWith("agi_network") ? "sent env" : "sent " + text.strip());
        }

        @Override
        public Act prompt(String file, String escapeDigits) {
            heard.add(file);
            return next();
        }

        @Override
        public Act digits(String file, Duration timeout, int maxDigits) {
            return prompt(file, "");
        }

        @Override
        public Act key(Duration timeout) {
            return next();
        }

        @Override
        public Act record(Path file, String escapeDigits, boolean beep) {
            beeps.add(beep);
            return next();
        }

        @Override
        public String dial(String target) {
            return "BUSY";
        }
    }
}
