package vn.dancham.ivr.softphone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.ivr.prompts.NameAudio;
import vn.dancham.ivr.prompts.Prompt;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;

/**
 * One softphone call in progress: a thread of its own answers the hotline's AGI commands as Asterisk and a caller
 * would, taking keys from the queue the browser fills. Thread-safe.
 */
public final class SoftphoneCall implements AutoCloseable {

    /** What the line is doing now. */
    public enum State { CONNECTING, PLAYING, WAITING_FOR_KEYS, RECORDING, DIALLING, ENDED }

    private static final Logger log = LoggerFactory.getLogger(SoftphoneCall.class);
    private static final char HANGUP = 'H';
    private static final int MAX_QUEUED_KEYS = 64;
    private static final NameAudio NAMES = NameAudio.fromClasspath();

    private final Socket socket;
    private final String uniqueId;
    private final SoftphoneOptions options;
    private final LinkedBlockingDeque<Character> keys = new LinkedBlockingDeque<>(MAX_QUEUED_KEYS);
    private final List<PlayedPrompt> prompts = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final Object changes = new Object();
    private volatile State state = State.CONNECTING;
    private volatile boolean hungUp;
    private Thread thread;

    private SoftphoneCall(Socket socket, String uniqueId, SoftphoneOptions options) {
        this.socket = socket;
        this.uniqueId = uniqueId;
        this.options = options;
    }

    static SoftphoneCall start(Socket socket, String uniqueId, SoftphoneOptions options) {
        SoftphoneCall call = new SoftphoneCall(socket, uniqueId, options);
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
        return List.copyOf(commands);
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
        closeSocket();
    }

    // ---- the line ----------------------------------------------------------------------------------------------

    private void run() {
        try (socket) {
            socket.setSoTimeout(0);
            OutputStream out = socket.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            out.write(environment().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String command;
            while ((command = in.readLine()) != null) {
                commands.add(command);
                String reply = hungUp ? DEAD : answer(command);
                out.write((reply + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                setState(State.PLAYING);
            }
        } catch (IOException e) {
            log.debug("Softphone call {} ended: {}", uniqueId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            setState(State.ENDED);
        }
    }

    private static final String DEAD = "511 Command Not Permitted on a dead channel or intercept routine";
    /** The script parameter that carries the test-call key (the server's {@code TestCallKey.PARAMETER}). */
    private static final String TEST_PARAMETER = "test";
    /** The channel variable a test call's "what would have happened" is set in (the server's {@code TestNote}). */
    static final String TEST_NOTE_VARIABLE = "DANCHAM_TEST_NOTE";

    private String environment() {
        List<String> parameters = new ArrayList<>();
        if (options.officeDialCode() != null) {
            parameters.add("office=" + options.officeDialCode());
        }
        if (options.testKey() != null) {
            parameters.add(TEST_PARAMETER + "=" + options.testKey());
        }
        String script = "hotline" + (parameters.isEmpty() ? "" : "?" + String.join("&", parameters));
        StringBuilder env = new StringBuilder();
        env.append("agi_network: yes\n");
        env.append("agi_network_script: ").append(script).append('\n');
        env.append("agi_request: agi://softphone/").append(script).append('\n');
        env.append("agi_channel: Local/softphone-").append(uniqueId).append('\n');
        env.append("agi_language: vi\n");
        env.append("agi_type: Local\n");
        env.append("agi_uniqueid: ").append(uniqueId).append('\n');
        env.append("agi_version: 20.0.0\n");
        env.append("agi_callerid: ").append(options.callerNumber() == null ? "unknown" : options.callerNumber())
                .append('\n');
        env.append("agi_calleridname: softphone\n");
        env.append("agi_dnid: softphone\n");
        env.append("agi_context: dancham-hotline\n");
        env.append("agi_extension: s\n");
        env.append("agi_priority: 1\n");
        env.append("agi_enhanced: 0.0\n");
        env.append('\n');
        return env.toString();
    }

    private String answer(String command) throws InterruptedException {
        List<String> w = words(command);
        String verb = w.isEmpty() ? "" : w.getFirst().toUpperCase();
        String second = w.size() > 1 ? w.get(1).toUpperCase() : "";
        switch (verb + " " + second) {
            case "STREAM FILE" -> {
                heard(w.get(2));
                String escape = w.size() > 3 ? w.get(3) : "";
                Character next = keys.peekFirst();
                if (next != null && next != HANGUP && escape.indexOf(next) >= 0) {
                    keys.pollFirst();
                    return "200 result=" + (int) next + " endpos=4000";
                }
                return "200 result=0 endpos=16000";
            }
            case "GET DATA" -> {
                heard(w.get(2));
                long timeout = w.size() > 3 ? parse(w.get(3), 5000) : 5000;
                int max = w.size() > 4 ? (int) parse(w.get(4), 1024) : 1024;
                StringBuilder typed = new StringBuilder();
                while (typed.length() < max) {
                    Character key = nextKey(timeout);
                    if (key == null) {
                        return "200 result=" + typed + " (timeout)";
                    }
                    if (key == HANGUP) {
                        return "200 result=-1";
                    }
                    if (key == '#') {
                        break;
                    }
                    typed.append(key);
                }
                return "200 result=" + typed;
            }
            case "WAIT FOR" -> {
                long timeout = w.size() > 3 ? parse(w.get(3), 5000) : 5000;
                Character key = nextKey(timeout);
                if (key == null) {
                    return "200 result=0";
                }
                return key == HANGUP ? "200 result=-1" : "200 result=" + (int) key;
            }
            case "RECORD FILE" -> {
                setState(State.RECORDING);
                Path file = Path.of(w.get(2) + "." + (w.size() > 3 ? w.get(3) : "wav"));
                writeTone(file, options.recordSeconds());
                prompts.add(new PlayedPrompt(prompts.size(), PlayedPrompt.Kind.RECORDING, null,
                        "(ghi âm " + options.recordSeconds() + " giây)", "(recording of "
                        + options.recordSeconds() + " seconds)", w.get(2), null, file.toString()));
                Character next = keys.peekFirst();
                if (next != null && next == '#') {
                    keys.pollFirst();
                }
                return "200 result=35 (dtmf) endpos=" + options.recordSeconds() * 8000L;
            }
            case "EXEC DIAL" -> {
                setState(State.DIALLING);
                String target = w.size() > 2 ? w.get(2) : "";
                prompts.add(new PlayedPrompt(prompts.size(), PlayedPrompt.Kind.DIAL, null,
                        "(nối máy tới " + target + ": " + options.dialStatus() + ")",
                        "(putting the call through to " + target + ": " + options.dialStatus() + ")", target, null,
                        null));
                return "ANSWER".equals(options.dialStatus()) ? "200 result=-1" : "200 result=0";
            }
            case "GET VARIABLE" -> {
                return w.size() > 2 && w.get(2).equals("DIALSTATUS") ? "200 result=1 (" + options.dialStatus() + ")"
                        : "200 result=0";
            }
            case "SET VARIABLE" -> {
                if (w.size() > 3 && w.get(2).equals(TEST_NOTE_VARIABLE)) {
                    prompts.add(note(prompts.size(), w.get(3)));
                }
                return "200 result=1";
            }
            default -> {
                if (verb.equals("HANGUP")) {
                    hungUp = true;
                    return "200 result=1";
                }
                if (verb.equals("SET") || verb.equals("VERBOSE") || verb.equals("ANSWER") || verb.equals("NOOP")) {
                    return "200 result=1";
                }
                if (verb.equals("EXEC")) {
                    return "200 result=0";
                }
                return "510 Invalid or unknown command";
            }
        }
    }

    /**
     * Waits for the caller's next key under the same monitor as {@link #awaitSettled}, so that taking a key and
     * leaving WAITING_FOR_KEYS are one step: nobody can see "waiting, no keys left" in between and think the line
     * settled while the hotline is about to play on.
     */
    private Character nextKey(long hotlineTimeoutMs) throws InterruptedException {
        long wait = options.keyWait() != null ? options.keyWait().toMillis() : hotlineTimeoutMs;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
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

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private static long parse(String s, long fallback) {
        return s.matches("[0-9]{1,9}") ? Long.parseLong(s) : fallback;
    }

    /** A short 440 Hz tone where Asterisk would have written the caller's voice. */
    private static void writeTone(Path file, int seconds) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            int samples = seconds * 8000;
            ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
            b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples * 2)
                    .put("WAVE".getBytes(StandardCharsets.US_ASCII)).put("fmt ".getBytes(StandardCharsets.US_ASCII))
                    .putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                    .putShort((short) 2).putShort((short) 16).put("data".getBytes(StandardCharsets.US_ASCII))
                    .putInt(samples * 2);
            for (int i = 0; i < samples; i++) {
                b.putShort((short) (Math.sin(i * 2 * Math.PI * 440 / 8000) * 6000));
            }
            Files.write(file, b.array());
        } catch (IOException | RuntimeException e) {
            // Like a real line that cannot record: the hotline still gets its answer.
            LoggerFactory.getLogger(SoftphoneCall.class).warn("Softphone could not write {}: {}", file, e.toString());
        }
    }

    /** Splits an AGI command into words, honouring double quotes and backslash escapes. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '\\' && i + 1 < command.length()) {
                w.append(command.charAt(++i));
                any = true;
            } else if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    words.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(w.toString());
        }
        return words;
    }
}
