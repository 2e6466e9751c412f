package vn.dancham.ivr.softphone;

import vn.dancham.ivr.emulator.Act;
import vn.dancham.ivr.emulator.AgiConnection;
import vn.dancham.ivr.emulator.AgiEnvironment;
import vn.dancham.ivr.emulator.AsteriskEmulator;
import vn.dancham.ivr.emulator.CallerPlan;
import vn.dancham.ivr.prompts.NameAudio;
import vn.dancham.ivr.prompts.Prompt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * One softphone call in progress: on a thread of its own the {@link AsteriskEmulator} answers the hotline's AGI
 * commands as Asterisk would, this class playing the caller with keys from the queue the browser fills. Thread-safe.
 */
public final class SoftphoneCall implements AutoCloseable {

    /** What the line is doing now. */
    public enum State { CONNECTING, PLAYING, WAITING_FOR_KEYS, RECORDING, DIALLING, ENDED }

    private static final char HANGUP = 'H';
    private static final int MAX_QUEUED_KEYS = 64;
    private static final NameAudio NAMES = NameAudio.fromClasspath();

    private final AgiConnection line;
    private final String uniqueId;
    private final SoftphoneOptions options;
    private final LinkedBlockingDeque<Character> keys = new LinkedBlockingDeque<>(MAX_QUEUED_KEYS);
    private final List<PlayedPrompt> prompts = new CopyOnWriteArrayList<>();
    private final Object changes = new Object();
    private volatile State state = State.CONNECTING;
    private volatile boolean hungUp;
    private Thread thread;

    private SoftphoneCall(AgiConnection line, String uniqueId, SoftphoneOptions options) {
        this.line = line;
        this.uniqueId = uniqueId;
        this.options = options;
    }

    static SoftphoneCall start(AgiConnection line, String uniqueId, SoftphoneOptions options) {
        SoftphoneCall call = new SoftphoneCall(line, uniqueId, options);
        call.thread = Thread.ofVirtual().name("softphone-" + uniqueId).start(call::run);
        return call;
    }

    public String uniqueId() {
        return uniqueId;
    }

    public State state() {
        return state;
    }

    public boolean ended() {
        return state == State.ENDED;
    }

    /** Queues keys as the caller presses them: digits, {@code *} and {@code #}; anything else is refused. */
    public void press(String pressed) {
        if (pressed == null || !pressed.matches("[0-9*#]{1,32}")) {
            throw new IllegalArgumentException("Keys are 0-9, * and #, at most 32 at a time: " + pressed);
        }
        synchronized (changes) {
            for (char c : pressed.toCharArray()) {
                if (!keys.offerLast(c)) {
                    throw new IllegalStateException("Too many keys waiting; wait for the hotline to catch up");
                }
            }
            // The line is busy with these keys from now: awaitSettled() must not see "waiting, no keys" in the
            // moment between the hotline taking the key and the line saying it plays again.
            if (state == State.WAITING_FOR_KEYS) {
                state = State.PLAYING;
            }
            changes.notifyAll();
        }
    }

    /** The caller hangs up: the hotline's next command gets what Asterisk answers on a dead channel. */
    public void hangUp() {
        hungUp = true;
        synchronized (changes) {
            keys.offerFirst(HANGUP);
            changes.notifyAll();
        }
    }

    /** Everything heard so far, in order. */
    public List<PlayedPrompt> prompts() {
        return List.copyOf(prompts);
    }

    /** What was heard from position {@code from} on (for a page that polls for news). */
    public List<PlayedPrompt> promptsSince(int from) {
        List<PlayedPrompt> all = prompts();
        return from >= all.size() ? List.of() : all.subList(Math.max(0, from), all.size());
    }

    /** The AGI commands the hotline sent, in order. */
    public List<String> commands() {
        return line.transcript();
    }

    /**
     * Waits until the line waits for keys with none left queued, or the call has ended, or {@code timeout} passes;
     * returns the state then.
     */
    public State awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changes) {
            while (!(state == State.WAITING_FOR_KEYS && keys.isEmpty()) && state != State.ENDED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
            return state;
        }
    }

    /** Hangs up (if not done) and frees the connection. */
    @Override
    public void close() {
        hangUp();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        line.close();
    }

    // ---- the caller, as the emulated line asks ------------------------------------------------------------------

    private void run() {
        try {
            AsteriskEmulator.call(line, environment(), new Plan(), AsteriskEmulator.Options.DEFAULT);
        } finally {
            line.close();
            setState(State.ENDED);
        }
    }

    /** The script parameter that carries the test-call key (the server's {@code TestCallKey.PARAMETER}). */
    private static final String TEST_PARAMETER = "test";
    /** The channel variable a test call's "what would have happened" is set in (the server's {@code TestNote}). */
    static final String TEST_NOTE_VARIABLE = "DANCHAM_TEST_NOTE";

    private Map<String, String> environment() {
        List<String> parameters = new ArrayList<>();
        if (options.officeDialCode() != null) {
            parameters.add("office=" + options.officeDialCode());
        }
        if (options.testKey() != null) {
            parameters.add(TEST_PARAMETER + "=" + options.testKey());
        }
        String script = "hotline" + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
        Map<String, String> env = AgiEnvironment.incoming(script, uniqueId, options.callerNumber());
        env.put("agi_request", "agi://softphone/" + script);
        env.put("agi_channel", "Local/softphone-" + uniqueId);
        env.put("agi_type", "Local");
        env.put("agi_calleridname", "softphone");
        return env;
    }

    /** The browser's keys as the caller's actions; what the hotline plays as the page's list. */
    private final class Plan implements CallerPlan {

        @Override
        public Act command(String command, long arrivedNanos) {
            return hungUp ? Act.hangUp() : Act.NOTHING;
        }

        @Override
        public void sent(String text, long sentNanos) {
            setState(State.PLAYING);
        }

        @Override
        public Act prompt(String file, String escapeDigits) {
            heard(file);
            synchronized (changes) {
                Character next = keys.peekFirst();
                if (next != null && next != HANGUP && escapeDigits.indexOf(next) >= 0) {
                    keys.pollFirst();
                    return Act.press(next);
                }
            }
            return Act.NOTHING;
        }

        @Override
        public Act digits(String file, Duration timeout, int maxDigits) throws InterruptedException {
            heard(file);
            StringBuilder typed = new StringBuilder();
            while (typed.length() < maxDigits) {
                Character key = nextKey(timeout);
                if (key == null) {
                    return Act.typeThenWait(typed.toString());
                }
                if (key == HANGUP) {
                    return Act.hangUp();
                }
                if (key == '#') {
                    break;
                }
                typed.append(key);
            }
            return Act.type(typed.toString());
        }

        @Override
        public Act key(Duration timeout) throws InterruptedException {
            Character key = nextKey(timeout);
            return key == null ? Act.NOTHING : key == HANGUP ? Act.hangUp() : Act.press(key);
        }

        @Override
        public Act record(Path file, String escapeDigits, boolean beep) {
            setState(State.RECORDING);
            prompts.add(new PlayedPrompt(prompts.size(), PlayedPrompt.Kind.RECORDING, null,
                    "(ghi âm " + options.recordSeconds() + " giây)", "(recording of "
                    + options.recordSeconds() + " seconds)", file.toString(), null, file.toString()));
            synchronized (changes) {
                Character next = keys.peekFirst();
                if (next != null && next == '#') {
                    keys.pollFirst();
                }
            }
            return Act.speak(options.recordSeconds(), '#');
        }

        @Override
        public String dial(String target) {
            setState(State.DIALLING);
            prompts.add(new PlayedPrompt(prompts.size(), PlayedPrompt.Kind.DIAL, null,
                    "(nối máy tới " + target + ": " + options.dialStatus() + ")",
                    "(putting the call through to " + target + ": " + options.dialStatus() + ")", target, null,
                    null));
            return options.dialStatus();
        }

        @Override
        public void variableSet(String name, String value) {
            if (name.equals(TEST_NOTE_VARIABLE)) {
                prompts.add(note(prompts.size(), value));
            }
        }
    }

    /**
     * Waits for the caller's next key under the same monitor as {@link #awaitSettled}, so that taking a key and
     * leaving WAITING_FOR_KEYS are one step: nobody can see "waiting, no keys left" in between and think the line
     * settled while the hotline is about to play on.
     */
    private Character nextKey(Duration hotlineTimeout) throws InterruptedException {
        Duration wait = options.keyWait() != null ? options.keyWait() : hotlineTimeout;
        long deadline = System.nanoTime() + wait.toNanos();
        synchronized (changes) {
            if (state != State.ENDED) {
                state = State.WAITING_FOR_KEYS;
            }
            changes.notifyAll();
            while (keys.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(changes, left);
            }
            Character key = keys.pollFirst();
            if (state != State.ENDED) {
                state = State.PLAYING;
            }
            changes.notifyAll();
            return key;
        }
    }

    /**
     * A test call's note ({@code KIND|arg|arg}): what a real call would have done. The page words it; the kind is
     * the catalog name, the arguments are the text, separated by {@code |}.
     */
    static PlayedPrompt note(int seq, String value) {
        int bar = value.indexOf('|');
        String kind = bar < 0 ? value : value.substring(0, bar);
        String args = bar < 0 ? "" : value.substring(bar + 1);
        return new PlayedPrompt(seq, PlayedPrompt.Kind.NOTE, kind, args, args, null, null, null);
    }

    private void heard(String file) {
        prompts.add(describe(prompts.size(), file, options.soundPrefix()));
    }

    /** Finds what a sound file is: a catalog prompt, a name, or a recording. */
    static PlayedPrompt describe(int seq, String file, String prefix) {
        if (file.startsWith("/")) {
            return new PlayedPrompt(seq, PlayedPrompt.Kind.RECORDING, null, "", "(your recording)", file, null,
                    file + ".wav");
        }
        String name = file.startsWith(prefix) ? file.substring(prefix.length()) : file;
        String resource = "sounds/vi/dancham/" + name + ".wav";
        boolean hasAudio = SoftphoneCall.class.getClassLoader().getResource(resource) != null;
        Optional<Prompt> prompt = Prompt.byFile(name);
        if (prompt.isPresent()) {
            return new PlayedPrompt(seq, PlayedPrompt.Kind.PROMPT, prompt.get().name(), prompt.get().vi(),
                    prompt.get().en(), file, hasAudio ? resource : null, null);
        }
        Optional<String> spoken = NAMES.nameOf(name);
        if (spoken.isPresent()) {
            return new PlayedPrompt(seq, PlayedPrompt.Kind.NAME, "NAME", spoken.get(), spoken.get(), file,
                    hasAudio ? resource : null, null);
        }
        return new PlayedPrompt(seq, PlayedPrompt.Kind.UNKNOWN, null, "", "", file, hasAudio ? resource : null, null);
    }

    private void setState(State s) {
        synchronized (changes) {
            if (state != State.ENDED) {
                state = s;
            }
            changes.notifyAll();
        }
    }
}
