package vn.dancham.bench.agi;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * One call as Asterisk's res_agi makes it over FastAGI: connect, send the {@code agi_*} environment and a blank
 * line, then answer each command the script sends with {@code 200 result=…} (or {@code 510}/{@code 511}) until the
 * script closes the connection. The caller's keys come from a {@link CallPlan}; human pauses from {@link Pacing}.
 *
 * <p>Timing: the server's turnaround is measured from the moment a reply has been written to the moment the next
 * command line has been read — the time the server spent (plus one loopback hop each way, the same for the bare
 * baseline).
 */
public final class SimulatedCall {

    /** No more than this many commands in one call: a script that never ends is a failure, not a hang. */
    static final int MAX_COMMANDS = 600;
    static final int MAX_LINE = 16 * 1024;
    private static final AtomicLong sequence = new AtomicLong();
    private static final String DEAD = "511 Command Not Permitted on a dead channel or intercepted channel\n";

    private final InetSocketAddress server;
    private final CallPlan plan;
    private final Pacing pacing;
    private final LoadStats stats;
    private final Path recordingsRoot;
    private final int readTimeoutMillis;
    private final boolean keepTranscript;

    private final Deque<Character> keys = new ArrayDeque<>();
    private final Map<String, String> variables = new HashMap<>();
    private final List<String> transcript = new ArrayList<>();
    private final Pattern failurePrompt;
    private boolean hungUp;
    private boolean keyInReply;
    private long lastKeyNanos;
    private String agiStatus;
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
        variables.putAll(plan.variables());
        variables.putIfAbsent("DIALSTATUS", "ANSWER");
        variables.putIfAbsent("CHANNEL(language)", "vi");
        this.failurePrompt = plan.failurePrompt() == null ? null : Pattern.compile(plan.failurePrompt());
    }

    public CallResult run() {
        long start = System.nanoTime();
        int commands = 0;
        Socket socket = new Socket();
        try (socket) {
            try {
                socket.setTcpNoDelay(true);
                socket.connect(server, 5_000);
                socket.setSoTimeout(readTimeoutMillis);
            } catch (IOException e) {
                return result(CallResult.Outcome.CONNECT_FAILED, 0, start, e.toString());
            }
            stats.connectNanos(System.nanoTime() - start);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 4096);
            OutputStream out = socket.getOutputStream();
            out.write(environment().getBytes(StandardCharsets.UTF_8));
            out.flush();
            long sent = System.nanoTime();
            awaitingFirst = true;
            awaitingSince = sent;
            boolean first = true;
            while (true) {
                String line;
                try {
                    line = readLine(in);
                } catch (EOFException eof) {
                    break;
                }
                long arrived = System.nanoTime();
                awaitingSince = 0;
                // A command after a reply means the server went on past every key sent so far — unless it is the
                // "sorry, please call again later" prompt, which acknowledges nothing.
                if (failurePrompt == null || !failurePrompt.matcher(line).find()) {
                    keysAcknowledged = keysTaken;
                }
                if (first) {
                    stats.firstCommandNanos(arrived - sent);
                    first = false;
                } else {
                    stats.turnaroundNanos(arrived - sent);
                }
                commands++;
                if (keepTranscript) {
                    transcript.add(line);
                }
                if (commands > MAX_COMMANDS) {
                    return result(CallResult.Outcome.RUNAWAY, commands, start, "last command: " + line);
                }
                String reply = answer(line);
                out.write(reply.getBytes(StandardCharsets.UTF_8));
                out.flush();
                sent = System.nanoTime();
                awaitingFirst = false;
                awaitingSince = sent;
                if (keyInReply) {
                    lastKeyNanos = sent;
                    keyInReply = false;
                }
            }
        } catch (SocketTimeoutException e) {
            return result(CallResult.Outcome.STALLED, commands, start,
                    "no command for " + readTimeoutMillis + " ms after " + commands + " commands");
        } catch (IOException e) {
            return result(CallResult.Outcome.BROKEN, commands, start, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(CallResult.Outcome.BROKEN, commands, start, "interrupted");
        }
        if (commands == 0) {
            return result(CallResult.Outcome.REFUSED, 0, start, "closed before the first command");
        }
        if (failure != null) {
            return result(CallResult.Outcome.SCRIPT_FAILED, commands, start, failure);
        }
        if (agiStatus != null && !agiStatus.equals("SUCCESS")) {
            return result(CallResult.Outcome.SCRIPT_FAILED, commands, start, "AJ_AGISTATUS " + agiStatus);
        }
        return result(CallResult.Outcome.OK, commands, start, null);
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

    private CallResult result(CallResult.Outcome outcome, int commands, long start, String detail) {
        return new CallResult(plan.scenario(), outcome, commands, System.nanoTime() - start, detail,
                keepTranscript ? List.copyOf(transcript) : List.of(), lastKeyNanos);
    }

    private String environment() {
        long n = sequence.incrementAndGet();
        String uniqueId = (System.currentTimeMillis() / 1000) + "." + n;
        String script = plan.script();
        boolean withheld = plan.callerId() == null;
        StringBuilder env = new StringBuilder(512);
        env.append("agi_network: yes\n");
        env.append("agi_network_script: ").append(script).append('\n');
        env.append("agi_request: agi://").append(server.getHostString()).append(':').append(server.getPort())
                .append('/').append(script).append('\n');
        env.append("agi_channel: PJSIP/trunk-").append(String.format("%08x", n)).append('\n');
        env.append("agi_language: vi\n");
        env.append("agi_type: PJSIP\n");
        env.append("agi_uniqueid: ").append(uniqueId).append('\n');
        env.append("agi_version: 20.9.3\n");
        env.append("agi_callerid: ").append(withheld ? "unknown" : plan.callerId()).append('\n');
        env.append("agi_calleridname: unknown\n");
        env.append("agi_callingpres: ").append(withheld ? "32" : "0").append('\n');
        env.append("agi_callingani2: 0\n");
        env.append("agi_callington: 0\n");
        env.append("agi_callingtns: 0\n");
        env.append("agi_dnid: 1022\n");
        env.append("agi_rdnis: unknown\n");
        env.append("agi_context: dancham-hotline\n");
        env.append("agi_extension: 1022\n");
        env.append("agi_priority: 3\n");
        env.append("agi_enhanced: 0.0\n");
        env.append("agi_accountcode: \n");
        env.append("agi_threadid: ").append(140000000000L + n).append('\n');
        env.append('\n');
        return env.toString();
    }

    /** What Asterisk answers to one command (res_agi.c's handlers, simplified to what a script can observe). */
    String answer(String line) throws InterruptedException, IOException {
        if (hungUp) {
            return DEAD;
        }
        List<String> args = tokenize(line);
        if (args.isEmpty()) {
            return "510 Invalid or unknown command\n";
        }
        String verb = args.get(0).toUpperCase(Locale.ROOT);
        String two = args.size() > 1 ? verb + " " + args.get(1).toUpperCase(Locale.ROOT) : verb;
        String three = args.size() > 2 ? two + " " + args.get(2).toUpperCase(Locale.ROOT) : two;
        switch (three) {
            case "CONTROL STREAM FILE", "GET FULL VARIABLE" -> { return answer3(three, args); }
            default -> { }
        }
        switch (two) {
            case "STREAM FILE" -> {
                prompt(arg(args, 2));
                Pacing.pause(pacing.promptMillis());
                return "200 result=0 endpos=12000\n";
            }
            case "GET OPTION" -> {
                prompt(arg(args, 2));
                Pacing.pause(pacing.promptMillis());
                return takeKey(arg(args, 3), " endpos=12000");
            }
            case "WAIT FOR" -> {
                return takeKey(null, "");
            }
            case "GET DATA" -> {
                prompt(arg(args, 2));
                return getData(args.size() > 4 ? parseInt(args.get(4), 1024) : 1024);
            }
            case "SAY DIGITS", "SAY NUMBER", "SAY ALPHA", "SAY DATE", "SAY DATETIME", "SAY TIME", "SAY PHONETIC" -> {
                Pacing.pause(pacing.promptMillis());
                return "200 result=0\n";
            }
            case "RECORD FILE" -> {
                return record(args);
            }
            case "GET VARIABLE" -> {
                String value = variables.get(arg(args, 2));
                return value == null ? "200 result=0\n" : "200 result=1 (" + value + ")\n";
            }
            case "SET VARIABLE" -> {
                String name = arg(args, 2);
                String value = arg(args, 3);
                variables.put(name, value);
                if ("AJ_AGISTATUS".equals(name)) {
                    agiStatus = value;
                }
                return "200 result=1\n";
            }
            case "CHANNEL STATUS" -> { return "200 result=6\n"; }
            case "SET MUSIC", "SET CONTEXT", "SET EXTENSION", "SET PRIORITY", "SET AUTOHANGUP", "SET CALLERID",
                 "DATABASE GET", "DATABASE PUT", "DATABASE DEL", "ASYNCAGI BREAK", "RECEIVE CHAR",
                 "TDD MODE", "SEND TEXT", "SEND IMAGE" -> { return "200 result=0\n"; }
            default -> { }
        }
        return switch (verb) {
            case "ANSWER", "NOOP" -> "200 result=0\n";
            case "VERBOSE" -> "200 result=1\n";
            case "HANGUP" -> {
                hungUp = true;
                yield "200 result=1\nHANGUP\n";
            }
            case "EXEC" -> exec(args);
            default -> "510 Invalid or unknown command\n";
        };
    }

    private String answer3(String three, List<String> args) throws InterruptedException {
        if (three.equals("CONTROL STREAM FILE")) {
            prompt(arg(args, 3));
            Pacing.pause(pacing.promptMillis());
            return "200 result=0 endpos=12000\n";
        }
        String expression = arg(args, 3);
        String name = expression.startsWith("${") && expression.endsWith("}")
                ? expression.substring(2, expression.length() - 1) : expression;
        String value = variables.get(name);
        return value == null ? "200 result=0\n" : "200 result=1 (" + value + ")\n";
    }

    private void prompt(String name) {
        if (failurePrompt != null && name != null && failure == null && failurePrompt.matcher(name).find()) {
            failure = "failure prompt played: " + name;
        }
    }

    /** One key for WAIT FOR DIGIT / GET OPTION; no key left means the caller hangs up. */
    private String takeKey(String escapeDigits, String suffix) throws InterruptedException {
        Character key = keys.peekFirst();
        if (key == null) {
            return hangUp();
        }
        if (escapeDigits != null && escapeDigits.indexOf(key) < 0) {
            return "200 result=0" + suffix + "\n";
        }
        keys.removeFirst();
        keysTaken++;
        keyInReply = true;
        Pacing.pause(pacing.keyMillis() * 2);
        return "200 result=" + (int) key + suffix + "\n";
    }

    private String getData(int maxDigits) throws InterruptedException {
        if (keys.isEmpty()) {
            return hangUp();
        }
        Pacing.pause(pacing.promptMillis());
        StringBuilder digits = new StringBuilder();
        boolean terminated = false;
        while (!keys.isEmpty() && digits.length() < maxDigits) {
            char c = keys.removeFirst();
            keysTaken++;
            keyInReply = true;
            Pacing.pause(pacing.keyMillis());
            if (c == '#') {
                terminated = true;
                break;
            }
            digits.append(c);
        }
        boolean full = digits.length() >= maxDigits;
        return "200 result=" + digits + (terminated || full ? "" : " (timeout)") + "\n";
    }

    private String record(List<String> args) throws InterruptedException, IOException {
        String path = arg(args, 2);
        String format = arg(args, 3);
        String escapes = arg(args, 4);
        Pacing.pause(pacing.recordMillis());
        int seconds = Math.max(1, pacing.recordMillis() / 1000);
        writeRecording(path, format, seconds);
        long endpos = 8000L * seconds;
        Character key = keys.peekFirst();
        if (key != null && escapes != null && escapes.indexOf(key) >= 0) {
            keys.removeFirst();
            keysTaken++;
            keyInReply = true;
            return "200 result=" + (int) key + " (dtmf) endpos=" + endpos + "\n";
        }
        return "200 result=0 (timeout) endpos=" + endpos + "\n";
    }

    private String exec(List<String> args) throws InterruptedException {
        String application = arg(args, 1);
        if (application != null && application.equalsIgnoreCase("Dial")) {
            Pacing.pause(pacing.dialMillis());
            variables.put("DIALSTATUS", plan.variables().getOrDefault("DIALSTATUS", "ANSWER"));
        }
        return "200 result=0\n";
    }

    private String hangUp() {
        hungUp = true;
        return "200 result=-1\nHANGUP\n";
    }

    /**
     * Asterisk writes the recording on its own disk; the application only stores the path. Inside the benchmark's
     * recordings directory we write a small 8 kHz WAV of silence so that anything reading the file finds one.
     */
    private void writeRecording(String path, String format, int seconds) throws IOException {
        if (recordingsRoot == null || path == null || format == null) {
            return;
        }
        Path root = recordingsRoot.toAbsolutePath().normalize();
        Path base = Path.of(path);
        Path target = (base.isAbsolute() ? base : root.resolve(base)).normalize();
        target = target.resolveSibling(target.getFileName() + "." + format);
        if (!target.startsWith(root)) {
            return;
        }
        Files.createDirectories(target.getParent());
        int samples = 8000 * seconds;
        byte[] wav = new byte[44 + samples * 2];
        if (format.equalsIgnoreCase("wav")) {
            writeWavHeader(wav, samples);
        }
        Files.write(target, wav);
    }

    private static void writeWavHeader(byte[] b, int samples) {
        int dataLength = samples * 2;
        put(b, 0, "RIFF");
        le32(b, 4, 36 + dataLength);
        put(b, 8, "WAVEfmt ");
        le32(b, 16, 16);
        le16(b, 20, 1);
        le16(b, 22, 1);
        le32(b, 24, 8000);
        le32(b, 28, 16000);
        le16(b, 32, 2);
        le16(b, 34, 16);
        put(b, 36, "data");
        le32(b, 40, dataLength);
    }

    private static void put(byte[] b, int at, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, b, at, bytes.length);
    }

    private static void le16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    private static void le32(byte[] b, int at, int v) {
        le16(b, at, v);
        le16(b, at + 2, v >> 16);
    }

    private static String arg(List<String> args, int index) {
        return args.size() > index ? args.get(index) : null;
    }

    private static int parseInt(String s, int otherwise) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** AGI arguments: blank-separated, double quotes group, backslash escapes (as Asterisk's parse_args). */
    static List<String> tokenize(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean inToken = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
                inToken = true;
            } else if (c == '"') {
                quoted = !quoted;
                inToken = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (inToken) {
                    out.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            out.add(current.toString());
        }
        return out;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException();
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("command line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
