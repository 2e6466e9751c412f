package vn.dancham.ivr.emulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One channel's answers to AGI commands, as Asterisk 22's res_agi.c gives them: its command table (which commands
 * a dead channel still runs), reply forms, and the {@code HANGUP} line it sends once the caller has gone. What the
 * caller does comes from the plan; the channel keeps its variables and whether it is still up.
 */
final class ResAgi {

    private static final Logger log = LoggerFactory.getLogger(ResAgi.class);
    private static final String UNKNOWN = "510 Invalid or unknown command\n";
    private static final String DEAD = AgiConnection.DEAD_CHANNEL + "\n";
    private static final String HANGUP = "HANGUP\n";
    /** endpos of a prompt heard to its end, and of one cut short by a key (samples at 8 kHz). */
    private static final long HEARD = 16_000;
    private static final long CUT = 4_000;
    /** Where Asterisk 22 reported a prompt the caller hung up on (../shared/asterisk/). */
    private static final long HUNG_UP_AT = 18_720;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** res_agi.c's command table: the words, and whether a dead channel still runs it. */
    enum Command {
        ANSWER(false, "ANSWER"), ASYNCAGI_BREAK(true, "ASYNCAGI", "BREAK"), CHANNEL_STATUS(false, "CHANNEL", "STATUS"),
        DATABASE_DEL(true, "DATABASE", "DEL"), DATABASE_DELTREE(true, "DATABASE", "DELTREE"),
        DATABASE_GET(true, "DATABASE", "GET"), DATABASE_PUT(true, "DATABASE", "PUT"), EXEC(true, "EXEC"),
        GET_DATA(false, "GET", "DATA"), GET_FULL_VARIABLE(true, "GET", "FULL", "VARIABLE"),
        GET_OPTION(false, "GET", "OPTION"), GET_VARIABLE(true, "GET", "VARIABLE"), HANGUP(false, "HANGUP"),
        NOOP(true, "NOOP"), RECEIVE_CHAR(false, "RECEIVE", "CHAR"), RECEIVE_TEXT(false, "RECEIVE", "TEXT"),
        RECORD_FILE(false, "RECORD", "FILE"), SAY_ALPHA(false, "SAY", "ALPHA"), SAY_DIGITS(false, "SAY", "DIGITS"),
        SAY_NUMBER(false, "SAY", "NUMBER"), SAY_PHONETIC(false, "SAY", "PHONETIC"), SAY_DATE(false, "SAY", "DATE"),
        SAY_TIME(false, "SAY", "TIME"), SAY_DATETIME(false, "SAY", "DATETIME"), SEND_IMAGE(false, "SEND", "IMAGE"),
        SEND_TEXT(false, "SEND", "TEXT"), SET_AUTOHANGUP(false, "SET", "AUTOHANGUP"),
        SET_CALLERID(false, "SET", "CALLERID"), SET_CONTEXT(false, "SET", "CONTEXT"),
        SET_EXTENSION(false, "SET", "EXTENSION"), SET_MUSIC(false, "SET", "MUSIC"),
        SET_PRIORITY(false, "SET", "PRIORITY"), SET_VARIABLE(true, "SET", "VARIABLE"),
        STREAM_FILE(false, "STREAM", "FILE"), CONTROL_STREAM_FILE(false, "CONTROL", "STREAM", "FILE"),
        TDD_MODE(false, "TDD", "MODE"), VERBOSE(true, "VERBOSE"), WAIT_FOR_DIGIT(false, "WAIT", "FOR", "DIGIT");

        final boolean dead;
        final List<String> words;

        Command(boolean dead, String... words) {
            this.dead = dead;
            this.words = List.of(words);
        }

        static Command find(List<String> w) {
            for (Command c : values()) {
                if (w.size() >= c.words.size() && matches(c.words, w)) {
                    return c;
                }
            }
            return null;
        }

        private static boolean matches(List<String> words, List<String> w) {
            for (int i = 0; i < words.size(); i++) {
                if (!words.get(i).equalsIgnoreCase(w.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private final CallerPlan plan;
    private final AsteriskEmulator.Options options;
    private final String channelName;
    private final Map<String, String> variables = new HashMap<>();
    private boolean dead;

    ResAgi(CallerPlan plan, AsteriskEmulator.Options options, String channelName) {
        this.plan = plan;
        this.options = options;
        this.channelName = channelName;
        this.variables.putAll(options.variables());
    }

    Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    boolean dead() {
        return dead;
    }

    /** The full answer to one command line (one or more lines, each ending in a newline). */
    String answer(String line, Act before) throws InterruptedException {
        if (before instanceof Act.Reply(String raw)) {
            return raw.endsWith("\n") ? raw : raw + "\n";
        }
        String announce = "";
        if (before instanceof Act.HangUp && !dead) {
            dead = true;
            announce = HANGUP; // res_agi sends it as soon as it sees the hangup, before the next command
        }
        List<String> w = Words.split(line);
        Command command = Command.find(w);
        if (command == null) {
            return announce + UNKNOWN;
        }
        if (dead && !command.dead) {
            return announce + DEAD;
        }
        return announce + run(command, w);
    }

    private String run(Command command, List<String> w) throws InterruptedException {
        return switch (command) {
            case STREAM_FILE -> w.size() < 4 || w.size() > 5 ? usage(command) : streamFile(w.get(2), w.get(3));
            case CONTROL_STREAM_FILE -> w.size() < 5 ? usage(command) : streamFile(w.get(3), w.get(4));
            case GET_OPTION -> w.size() < 4 || w.size() > 5 ? usage(command)
                    : getOption(w.get(2), w.get(3), w.size() > 4 ? millis(w.get(4), 5000) : 5000);
            case GET_DATA -> w.size() < 3 ? usage(command)
                    : getData(w.get(2), w.size() > 3 ? millis(w.get(3), 0) : 0,
                    w.size() > 4 ? (int) millis(w.get(4), 1024) : 1024);
            case WAIT_FOR_DIGIT -> w.size() != 4 ? usage(command) : waitForDigit(millis(w.get(3), -1));
            case SAY_ALPHA, SAY_DIGITS, SAY_NUMBER, SAY_PHONETIC, SAY_DATE, SAY_TIME, SAY_DATETIME ->
                    w.size() < 4 ? usage(command) : say(String.join(" ", w.subList(0, 3)), w.get(3));
            case RECORD_FILE -> w.size() < 6 ? usage(command) : recordFile(w);
            case EXEC -> w.size() < 2 ? usage(command) : exec(w.get(1), w.size() > 2 ? w.get(2) : "");
            case GET_VARIABLE -> w.size() != 3 ? usage(command) : variable(variables.get(w.get(2)));
            case GET_FULL_VARIABLE -> w.size() < 4 ? usage(command)
                    : "200 result=1 (" + substitute(w.get(3)) + ")\n";
            case SET_VARIABLE -> w.size() != 4 ? usage(command) : setVariable(w.get(2), w.get(3));
            case HANGUP -> hangup(w);
            case CHANNEL_STATUS -> "200 result=6\n"; // AST_STATE_UP
            case ANSWER, NOOP, ASYNCAGI_BREAK, DATABASE_GET, SET_AUTOHANGUP, SET_CONTEXT, SET_EXTENSION,
                 SET_PRIORITY, SET_MUSIC, SEND_IMAGE, SEND_TEXT, TDD_MODE -> "200 result=0\n";
            case VERBOSE, SET_CALLERID, DATABASE_PUT, DATABASE_DEL, DATABASE_DELTREE -> "200 result=1\n";
            case RECEIVE_CHAR -> "200 result=0 (timeout)\n";
            case RECEIVE_TEXT -> "200 result=-1\n";
        };
    }

    private String streamFile(String file, String escape) throws InterruptedException {
        return switch (plan.prompt(file, escape)) {
            case Act.Press(char key) when escape.indexOf(key) >= 0 -> result(key) + " endpos=" + CUT + "\n";
            case Act.HangUp h -> hungUp("200 result=-1 endpos=" + HUNG_UP_AT + "\n");
            case Act.MissingFile m -> "200 result=-1 endpos=0\n";
            default -> "200 result=0 endpos=" + HEARD + "\n";
        };
    }

    private String getOption(String file, String escape, long timeout) throws InterruptedException {
        String heard = streamFile(file, escape);
        if (!heard.startsWith("200 result=0 ")) {
            return heard;
        }
        return switch (plan.key(Duration.ofMillis(timeout))) {
            case Act.Press(char key) -> result(key) + " endpos=" + HEARD + "\n";
            case Act.Type(String digits, boolean f) when !digits.isEmpty() ->
                    result(digits.charAt(0)) + " endpos=" + HEARD + "\n";
            case Act.HangUp h -> hungUp("200 result=-1 endpos=" + HEARD + "\n");
            default -> heard;
        };
    }

    private String getData(String file, long timeout, int max) throws InterruptedException {
        return switch (plan.digits(file, Duration.ofMillis(timeout), max)) {
            case Act.Type(String digits, boolean finished) -> {
                String typed = digits.length() > max ? digits.substring(0, max) : digits;
                int hash = typed.indexOf('#');
                if (hash >= 0) {
                    yield "200 result=" + typed.substring(0, hash) + "\n";
                }
                yield "200 result=" + typed + (finished || typed.length() >= max ? "" : " (timeout)") + "\n";
            }
            case Act.Press(char key) -> key == '#' ? "200 result=\n" : "200 result=" + key
                    + (max <= 1 ? "" : " (timeout)") + "\n";
            case Act.HangUp h -> hungUp("200 result=-1\n");
            default -> "200 result= (timeout)\n";
        };
    }

    private String waitForDigit(long timeout) throws InterruptedException {
        return switch (plan.key(timeout < 0 ? Duration.ofDays(1) : Duration.ofMillis(timeout))) {
            case Act.Press(char key) -> result(key) + "\n";
            case Act.Type(String digits, boolean f) when !digits.isEmpty() -> result(digits.charAt(0)) + "\n";
            case Act.HangUp h -> hungUp("200 result=-1\n");
            default -> "200 result=0\n";
        };
    }

    private String say(String what, String escape) throws InterruptedException {
        return switch (plan.prompt(what, escape)) {
            case Act.Press(char key) when escape.indexOf(key) >= 0 -> result(key) + "\n";
            case Act.HangUp h -> hungUp("200 result=-1\n");
            default -> "200 result=0\n";
        };
    }

    private String recordFile(List<String> w) throws InterruptedException {
        String escape = w.get(4);
        boolean beep = w.stream().skip(6).anyMatch("BEEP"::equalsIgnoreCase);
        Path named = Path.of(w.get(2) + "." + w.get(3));
        Path target = options.writeRecordings() ? Recordings.target(named, options.recordingsRoot()) : null;
        return switch (plan.record(target != null ? target : named, escape, beep)) {
            case Act.RecordFails(Act.RecordFailure f) when f == Act.RecordFailure.RANDOMERROR ->
                    "200 result=-1 (randomerror) endpos=0\n";
            case Act.RecordFails f -> "200 result=-1 (writefile)\n";
            case Act.HangUp h -> hungUp("200 result=-1 (hangup) endpos=0\n");
            case Act.Speak(int seconds, Character key) -> {
                try {
                    if (target != null) {
                        Recordings.writeTone(target, seconds);
                    }
                } catch (IOException | RuntimeException e) {
                    log.debug("Emulated Asterisk could not write {}: {}", target, e.toString());
                    yield "200 result=-1 (writefile)\n";
                }
                long endpos = seconds * 8000L;
                yield key != null && escape.indexOf(key) >= 0 ? result(key) + " (dtmf) endpos=" + endpos + "\n"
                        : "200 result=0 (timeout) endpos=" + endpos + "\n";
            }
            default -> "200 result=0 (timeout) endpos=0\n";
        };
    }

    private String exec(String application, String arguments) throws InterruptedException {
        if (!application.equalsIgnoreCase("Dial")) {
            return "200 result=0\n";
        }
        if (dead) {
            return "200 result=-1\n";
        }
        String status = plan.dial(arguments);
        variables.put("DIALSTATUS", status);
        // Dial returns -1 once a bridged call ends (the caller is hung up with it), 0 when nobody answered.
        return "ANSWER".equals(status) ? "200 result=-1\n" : "200 result=0\n";
    }

    private String setVariable(String name, String value) {
        variables.put(name, value);
        plan.variableSet(name, value);
        return "200 result=1\n";
    }

    private String hangup(List<String> w) {
        if (w.size() > 2) {
            return usage(Command.HANGUP);
        }
        if (w.size() == 2 && !w.get(1).equals(channelName)) {
            return "200 result=-1\n"; // no such channel
        }
        return hungUp("200 result=1\n");
    }

    private String hungUp(String reply) {
        dead = true;
        return reply + HANGUP;
    }

    private String substitute(String expression) {
        Matcher m = VARIABLE.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(variables.getOrDefault(m.group(1), "")));
        }
        return m.appendTail(out).toString();
    }

    private static String variable(String value) {
        return value == null ? "200 result=0\n" : "200 result=1 (" + value + ")\n";
    }

    private static String result(char key) {
        return "200 result=" + (int) key;
    }

    private static String usage(Command command) {
        return "520-Invalid command syntax.  Proper usage follows:\n Usage: "
                + String.join(" ", command.words).toLowerCase(Locale.ROOT) + " …\n520 End of proper usage.\n";
    }

    private static long millis(String s, long fallback) {
        return s.matches("-?[0-9]{1,9}") ? Long.parseLong(s) : fallback;
    }
}
