package vn.dancham.ivr.testing;

import vn.dancham.ivr.emulator.Act;
import vn.dancham.ivr.emulator.AgiConnection;
import vn.dancham.ivr.emulator.AgiEnvironment;
import vn.dancham.ivr.emulator.AsteriskEmulator;
import vn.dancham.ivr.emulator.CallerPlan;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A whole call played through the {@link AsteriskEmulator} from a script of caller actions, until the server ends
 * the call. Script tokens are separated by spaces:
 * <ul>
 *   <li>a key ({@code 1}, {@code *}, {@code #}) answers the next WAIT FOR DIGIT, or the next interruptible
 *       STREAM FILE if written {@code !1} (barge-in);</li>
 *   <li>digits ending with {@code #} ({@code 20261234#}) answer the next GET DATA;</li>
 *   <li>{@code T} lets the next wait time out; {@code H} hangs up before the next command (Asterisk's
 *       {@code HANGUP} line, then 511 to all but what a dead channel still runs); {@code HS} hangs up while the
 *       next STREAM FILE plays ({@code 200 result=-1 endpos=18720}, {@code HANGUP}, then 511);</li>
 *   <li>{@code MISSING} answers the next STREAM FILE as Asterisk does when the sound file does not exist
 *       ({@code 200 result=-1 endpos=0}, the channel still up);</li>
 *   <li>{@code REC:n} answers the next RECORD FILE with n seconds of speech ended by {@code #} (the WAV file is
 *       written where the server asked, as Asterisk would); {@code REC:FAIL} as when Asterisk cannot write the file
 *       ({@code 200 result=-1 (writefile)}); {@code REC:HANGUP} as when the caller hangs up before saying anything.
 *       A RECORD FILE asking for Asterisk's {@code BEEP} is answered as on a site without core sounds
 *       ({@code 200 result=-1 (randomerror) endpos=0});</li>
 *   <li>{@code DIAL:STATUS} answers the next EXEC Dial with that DIALSTATUS (ANSWER, BUSY, NOANSWER...);</li>
 *   <li>{@code DO} runs the test's action when the next command arrives, before it is answered.</li>
 * </ul>
 * When the script is used up the caller hangs up at the next wait, so a test never waits on a call that goes on.
 */
public final class AgiTestCall implements CallerPlan {

    private final Deque<String> script = new ArrayDeque<>();
    private final Runnable action;
    private final List<String> played = new ArrayList<>();
    private final List<Path> recordings = new ArrayList<>();
    private List<String> commands = List.of();
    private String dialStatus = "ANSWER";
    private boolean callerHungUp;

    private AgiTestCall(String actions, Runnable action) {
        for (String token : actions.trim().split("\\s+")) {
            if (!token.isEmpty()) {
                script.add(token);
            }
        }
        this.action = action;
    }

    /** Dials the hotline script and plays the call through; returns when the server has closed the connection. */
    public static AgiTestCall run(String host, int port, String script, String uniqueId, String callerNumber,
                                  String actions) {
        return run(host, port, AgiEnvironment.incoming(script, uniqueId, callerNumber), actions);
    }

    /** As {@link #run(String, int, String, String, String, String)}, running {@code action} at each {@code DO}. */
    public static AgiTestCall run(String host, int port, String script, String uniqueId, String callerNumber,
                                  String actions, Runnable action) {
        return run(host, port, AgiEnvironment.incoming(script, uniqueId, callerNumber), actions, action);
    }

    public static AgiTestCall run(String host, int port, Map<String, String> environment, String actions) {
        return run(host, port, environment, actions, () -> {
            throw new IllegalStateException("DO in a script run without an action");
        });
    }

    private static AgiTestCall run(String host, int port, Map<String, String> environment, String actions,
                                   Runnable action) {
        AgiTestCall call = new AgiTestCall(actions, action);
        try (AgiConnection line = AgiConnection.connect(host, port, Duration.ofSeconds(30))) {
            AsteriskEmulator.Result result = AsteriskEmulator.call(line, environment, call,
                    AsteriskEmulator.Options.DEFAULT);
            call.commands = line.transcript();
            if (result.ending() != AsteriskEmulator.Ending.SERVER_CLOSED) {
                throw new AssertionError("The call ended " + result.ending() + ": " + result.detail()
                        + "; commands: " + call.commands);
            }
        }
        return call;
    }

    @Override
    public Act command(String line, long arrivedNanos) {
        while ("DO".equals(script.peek())) {
            script.poll();
            action.run();
        }
        if ("H".equals(script.peek())) {
            script.poll();
            callerHungUp = true;
            return Act.hangUp();
        }
        return Act.NOTHING;
    }

    @Override
    public Act prompt(String file, String escapeDigits) {
        played.add(file);
        String next = script.peek();
        if ("HS".equals(next)) {
            script.poll();
            callerHungUp = true;
            return Act.hangUp();
        }
        if ("MISSING".equals(next)) {
            script.poll();
            return Act.missingFile();
        }
        if (next != null && next.length() == 2 && next.charAt(0) == '!' && escapeDigits.indexOf(next.charAt(1)) >= 0) {
            script.poll();
            return Act.press(next.charAt(1));
        }
        return Act.NOTHING;
    }

    @Override
    public Act digits(String file, Duration timeout, int maxDigits) {
        played.add(file);
        String next = script.poll();
        if (next == null) {
            callerHungUp = true;
            return Act.hangUp();
        }
        if (next.equals("T")) {
            return Act.NOTHING; // as Asterisk answers when nothing was typed: "200 result= (timeout)"
        }
        return Act.type((next.startsWith("!") ? next.substring(1) : next).replace("#", ""));
    }

    @Override
    public Act key(Duration timeout) {
        String next = script.poll();
        if (next == null) {
            callerHungUp = true;
            return Act.hangUp();
        }
        return next.equals("T") ? Act.NOTHING : Act.press(next.charAt(next.length() - 1));
    }

    @Override
    public Act record(Path file, String escapeDigits, boolean beep) {
        if (beep) {
            // res_agi plays the core "beep" sound first; without core sounds the recording fails.
            return Act.recordFails(Act.RecordFailure.RANDOMERROR);
        }
        String next = script.poll();
        if ("REC:FAIL".equals(next)) {
            return Act.recordFails(Act.RecordFailure.WRITEFILE);
        }
        if ("REC:HANGUP".equals(next)) {
            callerHungUp = true;
            return Act.hangUp();
        }
        int seconds = next != null && next.startsWith("REC:") ? Integer.parseInt(next.substring(4)) : 0;
        recordings.add(file);
        return Act.speak(seconds, '#');
    }

    @Override
    public String dial(String target) {
        String next = script.peek();
        if (next != null && next.startsWith("DIAL:")) {
            script.poll();
            dialStatus = next.substring(5);
        }
        return dialStatus;
    }

    /** The sound files played (STREAM FILE and GET DATA), in order, as the server named them. */
    public List<String> played() {
        return List.copyOf(played);
    }

    /** Every command line the server sent, in order. */
    public List<String> commands() {
        return commands;
    }

    public List<Path> recordings() {
        return List.copyOf(recordings);
    }

    /** True when the call ended because the caller hung up (the server never sent HANGUP itself). */
    public boolean callerHungUp() {
        return callerHungUp && !commands.contains("HANGUP");
    }
}
