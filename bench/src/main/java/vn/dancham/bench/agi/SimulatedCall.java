package vn.dancham.bench.agi;

import vn.dancham.ivr.emulator.Act;
import vn.dancham.ivr.emulator.AgiConnection;
import vn.dancham.ivr.emulator.AgiEnvironment;
import vn.dancham.ivr.emulator.AsteriskEmulator;
import vn.dancham.ivr.emulator.CallerPlan;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One call as Asterisk makes it over FastAGI, played by the ivr's {@link AsteriskEmulator}: this class is only the
 * caller (keys from a {@link CallPlan}, human pauses from {@link Pacing}) and the stopwatch.
 *
 * <p>Timing: the server's turnaround is measured from the moment a reply has been written to the moment the next
 * command line has been read — the time the server spent (plus one loopback hop each way, the same for the bare
 * baseline).
 */
public final class SimulatedCall implements CallerPlan {

    /** No more than this many commands in one call: a script that never ends is a failure, not a hang. */
    static final int MAX_COMMANDS = 600;
    private static final AtomicLong sequence = new AtomicLong();

    private final InetSocketAddress server;
    private final CallPlan plan;
    private final Pacing pacing;
    private final LoadStats stats;
    private final Path recordingsRoot;
    private final int readTimeoutMillis;
    private final boolean keepTranscript;

    private final Deque<Character> keys = new ArrayDeque<>();
    private final Pattern failurePrompt;
    private long sentNanos;
    private String step = "";
    private boolean first = true;
    private boolean keyInReply;
    private long lastKeyNanos;
    private String failure;
    private int keysTaken;
    private volatile int keysAcknowledged;
    // For LoadDriver's accounting of waits still open when a run is cut or a call stalls (see awaitingServerSince).
    private volatile long awaitingSince;
    private volatile boolean awaitingFirst;

    public SimulatedCall(InetSocketAddress server, CallPlan plan, Pacing pacing, LoadStats stats, Path recordingsRoot,
                         int readTimeoutMillis, boolean keepTranscript) {
        this.server = server;
        this.plan = plan;
        this.pacing = pacing;
        this.stats = stats;
        this.recordingsRoot = recordingsRoot;
        this.readTimeoutMillis = readTimeoutMillis;
        this.keepTranscript = keepTranscript;
        for (char c : plan.keys().toCharArray()) {
            if (c != ' ') {
                keys.add(c);
            }
        }
        this.failurePrompt = plan.failurePrompt() == null ? null : Pattern.compile(plan.failurePrompt());
    }

    public CallResult run() {
        long start = System.nanoTime();
        AgiConnection line;
        try {
            line = AgiConnection.connect(server, Duration.ofSeconds(5), Duration.ofMillis(readTimeoutMillis));
        } catch (UncheckedIOException e) {
            return result(CallResult.Outcome.CONNECT_FAILED, 0, start, e.getCause().toString(), List.of());
        }
        stats.connectNanos(System.nanoTime() - start);
        Map<String, String> variables = new HashMap<>(plan.variables());
        variables.putIfAbsent("DIALSTATUS", "ANSWER");
        variables.putIfAbsent("CHANNEL(language)", "vi");
        // Without a recordings directory (the bare baseline) nothing is written: the files are not ours to make.
        AsteriskEmulator.Options options = new AsteriskEmulator.Options(MAX_COMMANDS, recordingsRoot, variables,
                recordingsRoot != null);
        AsteriskEmulator.Result call;
        try (line) {
            call = AsteriskEmulator.call(line, environment(), this, options);
        }
        List<String> transcript = keepTranscript ? line.transcript() : List.of();
        String agiStatus = call.variables().get("AJ_AGISTATUS");
        return switch (call.ending()) {
            case RUNAWAY -> result(CallResult.Outcome.RUNAWAY, call.commands(), start, call.detail(), transcript);
            case SILENT -> result(CallResult.Outcome.STALLED, call.commands(), start,
                    "no command for " + readTimeoutMillis + " ms after " + call.commands() + " commands", transcript);
            case BROKEN -> result(CallResult.Outcome.BROKEN, call.commands(), start, call.detail(), transcript);
            case SERVER_CLOSED -> call.commands() == 0
                    ? result(CallResult.Outcome.REFUSED, 0, start, "closed before the first command", transcript)
                    : failure != null
                    ? result(CallResult.Outcome.SCRIPT_FAILED, call.commands(), start, failure, transcript)
                    : agiStatus != null && !agiStatus.equals("SUCCESS")
                    ? result(CallResult.Outcome.SCRIPT_FAILED, call.commands(), start, "AJ_AGISTATUS " + agiStatus,
                    transcript)
                    : result(CallResult.Outcome.OK, call.commands(), start, null, transcript);
        };
    }

    /**
     * How many of the plan's keys the server had acknowledged by sending a further command after the reply that
     * carried them (e.g. the next question after a rating: the rating was stored before it was asked), the plan's
     * failure prompt not counting as going on.
     */
    public int keysAcknowledged() {
        return keysAcknowledged;
    }

    /**
     * {@link System#nanoTime()} when the caller began waiting for the server's next command (its reply or the
     * environment written), 0 while the caller is busy itself (a prompt playing, keys typed) or the call has not
     * connected. Stays set after a read timeout, so the length of a stalled wait can be taken.
     */
    public long awaitingServerSince() {
        return awaitingSince;
    }

    /** Whether the wait under way is for the first command (connect → first command) rather than a turnaround. */
    public boolean awaitingFirstCommand() {
        return awaitingFirst;
    }

    private CallResult result(CallResult.Outcome outcome, int commands, long start, String detail,
                              List<String> transcript) {
        return new CallResult(plan.scenario(), outcome, commands, System.nanoTime() - start, detail, transcript,
                lastKeyNanos);
    }

    private Map<String, String> environment() {
        long n = sequence.incrementAndGet();
        String script = plan.script();
        Map<String, String> env = AgiEnvironment.incoming(script, (System.currentTimeMillis() / 1000) + "." + n,
                plan.callerId());
        env.put("agi_request", "agi://" + server.getHostString() + ":" + server.getPort() + "/" + script);
        env.put("agi_channel", "PJSIP/trunk-" + String.format("%08x", n));
        env.put("agi_threadid", Long.toString(140_000_000_000L + n));
        return env;
    }

    // ---- the caller, as the emulated line asks, and the stopwatch ----------------------------------------------

    @Override
    public Act command(String line, long arrivedNanos) {
        awaitingSince = 0;
        // A command after a reply means the server went on past every key sent so far — unless it is the
        // "sorry, please call again later" prompt, which acknowledges nothing.
        if (failurePrompt == null || !failurePrompt.matcher(line).find()) {
            keysAcknowledged = keysTaken;
        }
        if (first) {
            stats.firstCommandNanos(arrivedNanos - sentNanos);
            first = false;
        } else {
            stats.turnaroundNanos(arrivedNanos - sentNanos, step);
        }
        step = cachedStep(plan.scenario(), line);
        return Act.NOTHING;
    }

    @Override
    public void sent(String text, long nanos) {
        sentNanos = nanos;
        awaitingFirst = first;
        awaitingSince = nanos;
        if (keyInReply) {
            lastKeyNanos = nanos;
            keyInReply = false;
        }
    }

    @Override
    public Act prompt(String file, String escapeDigits) throws InterruptedException {
        if (failurePrompt != null && failure == null && failurePrompt.matcher(file).find()) {
            failure = "failure prompt played: " + file;
        }
        Pacing.pause(pacing.promptMillis());
        return Act.NOTHING;
    }

    /** One key for WAIT FOR DIGIT / GET OPTION; no key left means the caller hangs up. */
    @Override
    public Act key(Duration timeout) throws InterruptedException {
        Character key = keys.pollFirst();
        if (key == null) {
            return Act.hangUp();
        }
        taken();
        Pacing.pause(pacing.keyMillis() * 2);
        return Act.press(key);
    }

    @Override
    public Act digits(String file, Duration timeout, int maxDigits) throws InterruptedException {
        prompt(file, "");
        if (keys.isEmpty()) {
            return Act.hangUp();
        }
        StringBuilder digits = new StringBuilder();
        while (!keys.isEmpty() && digits.length() < maxDigits) {
            char c = keys.removeFirst();
            taken();
            Pacing.pause(pacing.keyMillis());
            if (c == '#') {
                return Act.type(digits.toString());
            }
            digits.append(c);
        }
        return digits.length() >= maxDigits ? Act.type(digits.toString()) : Act.typeThenWait(digits.toString());
    }

    @Override
    public Act record(Path file, String escapeDigits, boolean beep) throws InterruptedException {
        Pacing.pause(pacing.recordMillis());
        int seconds = Math.max(1, pacing.recordMillis() / 1000);
        Character key = keys.peekFirst();
        if (key != null && escapeDigits.indexOf(key) >= 0) {
            keys.removeFirst();
            taken();
            return Act.speak(seconds, key);
        }
        return Act.speak(seconds, null);
    }

    @Override
    public String dial(String target) throws InterruptedException {
        Pacing.pause(pacing.dialMillis());
        return plan.variables().getOrDefault("DIALSTATUS", "ANSWER");
    }

    private static final java.util.Set<String> TWO_WORD_VERBS = java.util.Set.of("STREAM", "GET", "WAIT", "SET",
            "RECORD", "SAY", "DATABASE", "CHANNEL", "SPEECH", "ASYNCAGI", "RECEIVE", "SEND", "TDD");
    private static final java.util.Set<String> THREE_WORD_VERBS = java.util.Set.of("WAIT", "CONTROL");
    private static final Pattern DIGIT_RUNS = Pattern.compile("[0-9]+");
    /**
     * The steps already worked out, per scenario and command line: the generator shares the machine with what it
     * measures (and is the limit of the bare runs), so a command repeated thousands of times costs one map lookup,
     * not a split and a regex. Bounded: lines beyond it (e.g. unique recording names) are worked out each time.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String,
            java.util.concurrent.ConcurrentHashMap<String, String>> STEPS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int STEPS_CACHED = 20_000;

    private static String cachedStep(String scenario, String command) {
        var steps = STEPS.computeIfAbsent(scenario, k -> new java.util.concurrent.ConcurrentHashMap<>());
        String step = steps.get(command);
        if (step == null) {
            step = step(scenario, command);
            if (steps.size() < STEPS_CACHED) {
                steps.put(command, step);
            }
        }
        return step;
    }

    /**
     * The step a turnaround follows, for telling where the slow ones are: the scenario, the command's verb and the
     * last part of its first argument (the prompt's name), e.g. "rating · GET DATA rating-attitude", with each run
     * of digits as "#": the digits read out, the timeouts and the recordings' names of a kind are one step.
     */
    static String step(String scenario, String command) {
        String[] words = command.trim().split(" +");
        int verbWords = Math.min(words.length, THREE_WORD_VERBS.contains(words[0]) ? 3
                : TWO_WORD_VERBS.contains(words[0]) ? 2 : 1);
        StringBuilder s = new StringBuilder(scenario).append(" · ");
        s.append(String.join(" ", java.util.Arrays.copyOf(words, verbWords)));
        if (verbWords < words.length) {
            String arg = words[verbWords].replace("\"", "");
            arg = arg.substring(arg.lastIndexOf('/') + 1);
            s.append(' ').append(DIGIT_RUNS.matcher(arg).replaceAll("#"));
        }
        return s.toString();
    }

    private void taken() {
        keysTaken++;
        keyInReply = true;
    }
}
