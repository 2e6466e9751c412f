package vn.dancham.ivr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A whole call played as Asterisk and a caller would: answers every command the hotline sends from a script of
 * caller actions, until the server ends the call. Script tokens are separated by spaces:
 * <ul>
 *   <li>a key ({@code 1}, {@code *}, {@code #}) answers the next WAIT FOR DIGIT, or the next interruptible
 *       STREAM FILE if written {@code !1} (barge-in);</li>
 *   <li>digits ending with {@code #} ({@code 20261234#}) answer the next GET DATA;</li>
 *   <li>{@code T} lets the next wait time out; {@code H} hangs up at the next command (511 from then on);
 *       {@code HS} hangs up while the next STREAM FILE plays, as Asterisk with {@code AGISIGHUP=yes} reports it:
 *       {@code 200 result=-1 endpos=18720}, a {@code HANGUP} line, then 511;</li>
 *   <li>{@code MISSING} answers the next STREAM FILE as Asterisk does when the sound file does not exist
 *       ({@code 200 result=-1 endpos=0}, the channel still up); CHANNEL STATUS answers 6 (up) while it is;</li>
 *   <li>{@code REC:n} answers the next RECORD FILE with n seconds of speech ended by {@code #} (the WAV file is
 *       written where the server asked, as Asterisk would); {@code REC:FAIL} answers it as Asterisk does when it
 *       cannot write the file ({@code 200 result=-1 (writefile)}); {@code REC:HANGUP} as when the caller hangs
 *       up before saying anything ({@code 200 result=-1 (hangup) endpos=0}, a {@code HANGUP} line, then 511). A
 *       RECORD FILE asking for Asterisk's {@code BEEP} is answered as on a site without core sounds:
 *       {@code 200 result=-1 (randomerror) endpos=0};</li>
 *   <li>{@code DIAL:STATUS} answers the next EXEC Dial with that DIALSTATUS (ANSWER, BUSY, NOANSWER...);</li>
 *   <li>{@code DO} runs the test's action (see {@link #run(String, int, String, String, String, String, Runnable)})
 *       when the next command arrives, before it is answered: e.g. stop the database mid-call.</li>
 * </ul>
 * When the script is used up the caller hangs up, so a test never waits on a call that goes on.
 */
public final class AgiTestCall {

    private final AgiTestClient client;
    private final Deque<String> script = new ArrayDeque<>();
    private final List<String> played = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();
    private final List<Path> recordings = new ArrayList<>();
    private String dialStatus = "ANSWER";
    private boolean hungUp;
    private Runnable action = () -> {
        throw new IllegalStateException("DO in a script run without an action");
    };

    private AgiTestCall(AgiTestClient client, String actions) {
        this.client = client;
        for (String token : actions.trim().split("\\s+")) {
            if (!token.isEmpty()) {
                script.add(token);
            }
        }
    }

    /** Dials the hotline script and plays the call through; returns when the server has closed the connection. */
    public static AgiTestCall run(String host, int port, String script, String uniqueId, String callerNumber,
                                  String actions) {
        AgiTestClient client = AgiTestClient.connect(host, port, Duration.ofSeconds(30));
        try {
            AgiTestCall call = new AgiTestCall(client, actions);
            client.sendEnvironment(AgiTestClient.environment(script, uniqueId, callerNumber));
            call.answerUntilClosed();
            return call;
        } finally {
            client.close();
        }
    }

    /** As {@link #run(String, int, String, String, String, String)}, running {@code action} at each {@code DO}. */
    public static AgiTestCall run(String host, int port, String script, String uniqueId, String callerNumber,
                                  String actions, Runnable action) {
        AgiTestClient client = AgiTestClient.connect(host, port, Duration.ofSeconds(30));
        try {
            AgiTestCall call = new AgiTestCall(client, actions);
            call.action = action;
            client.sendEnvironment(AgiTestClient.environment(script, uniqueId, callerNumber));
            call.answerUntilClosed();
            return call;
        } finally {
            client.close();
        }
    }

    public static AgiTestCall run(String host, int port, Map<String, String> environment, String actions) {
        AgiTestClient client = AgiTestClient.connect(host, port, Duration.ofSeconds(30));
        try {
            AgiTestCall call = new AgiTestCall(client, actions);
            client.sendEnvironment(environment);
            call.answerUntilClosed();
            return call;
        } finally {
            client.close();
        }
    }

    private void answerUntilClosed() {
        String command;
        while ((command = client.readCommand()) != null) {
            commands.add(command);
            while ("DO".equals(script.peek())) {
                script.poll();
                action.run();
            }
            if (hungUp || "H".equals(script.peek())) {
                if (!hungUp) {
                    script.poll();
                    hungUp = true;
                }
                client.replyDead();
                continue;
            }
            answer(command, AgiTestClient.words(command));
        }
    }

    private void answer(String line, List<String> w) {
        String verb = w.isEmpty() ? "" : w.getFirst().toUpperCase();
        String second = w.size() > 1 ? w.get(1).toUpperCase() : "";
        switch (verb + " " + second) {
            case "STREAM FILE" -> {
                played.add(w.get(2));
                String escape = w.size() > 3 ? w.get(3) : "";
                String next = script.peek();
                if ("HS".equals(next)) {
                    script.poll();
                    client.reply(-1, null, 18720);
                    client.send("HANGUP\n");
                    hungUp = true;
                } else if ("MISSING".equals(next)) {
                    script.poll();
                    client.reply(-1, null, 0);
                } else if (next != null && next.length() == 2 && next.charAt(0) == '!'
                        && escape.indexOf(next.charAt(1)) >= 0) {
                    script.poll();
                    client.reply(next.charAt(1), null, 4000);
                } else {
                    client.reply(0, null, 16000);
                }
            }
            case "GET DATA" -> {
                played.add(w.get(2));
                String next = take();
                if (next == null) {
                    hangUpNow();
                } else if (next.equals("T")) {
                    client.send("200 result= (timeout)\n"); // as Asterisk answers when nothing was typed
                } else {
                    String digits = next.startsWith("!") ? next.substring(1) : next;
                    client.send("200 result=" + digits.replace("#", "") + "\n");
                }
            }
            case "WAIT FOR" -> {
                String next = take();
                if (next == null) {
                    hangUpNow();
                } else if (next.equals("T")) {
                    client.reply(0);
                } else {
                    client.reply(next.charAt(next.length() - 1));
                }
            }
            case "RECORD FILE" -> {
                if (w.stream().anyMatch("BEEP"::equalsIgnoreCase)) {
                    // res_agi plays the core "beep" sound first; without core sounds the recording fails.
                    client.reply(-1, "randomerror", 0);
                    return;
                }
                String next = take();
                if ("REC:FAIL".equals(next)) {
                    client.reply(-1, "writefile");
                    return;
                }
                if ("REC:HANGUP".equals(next)) {
                    client.reply(-1, "hangup", 0);
                    client.send("HANGUP\n");
                    hungUp = true;
                    return;
                }
                int seconds = next != null && next.startsWith("REC:") ? Integer.parseInt(next.substring(4)) : 0;
                Path file = Path.of(w.get(2) + "." + w.get(3));
                writeWav(file, seconds);
                recordings.add(file);
                client.reply('#', "dtmf", seconds * 8000L);
            }
            case "EXEC DIAL" -> {
                String next = script.peek();
                if (next != null && next.startsWith("DIAL:")) {
                    script.poll();
                    dialStatus = next.substring(5);
                }
                client.reply("ANSWER".equals(dialStatus) ? -1 : 0);
            }
            case "GET VARIABLE" -> {
                if (w.get(2).equals("DIALSTATUS")) {
                    client.reply(1, dialStatus);
                } else {
                    client.reply(0);
                }
            }
            case "CHANNEL STATUS" -> client.reply(6); // AST_STATE_UP
            case "HANGUP " -> {
                client.reply(1);
                hungUp = true;
            }
            default -> {
                if (verb.equals("HANGUP")) {
                    client.reply(1);
                    hungUp = true;
                } else if (verb.equals("SET") || verb.equals("VERBOSE") || verb.equals("ANSWER")
                        || verb.equals("NOOP") || verb.equals("EXEC")) {
                    client.reply(verb.equals("EXEC") ? 0 : 1);
                } else {
                    client.send("510 Invalid or unknown command\n");
                }
            }
        }
    }

    private String take() {
        return script.poll();
    }

    private void hangUpNow() {
        hungUp = true;
        client.replyDead();
    }

    private static void writeWav(Path file, int seconds) {
        try {
            Files.createDirectories(file.getParent());
            int samples = seconds * 8000;
            ByteBuffer b = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
            b.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
            b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                    .putShort((short) 2).putShort((short) 16);
            b.put("data".getBytes()).putInt(samples * 2);
            for (int i = 0; i < samples; i++) {
                b.putShort((short) (Math.sin(i * 2 * Math.PI * 440 / 8000) * 8000));
            }
            Files.write(file, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sound files played (STREAM FILE and GET DATA), in order, as the server named them. */
    public List<String> played() {
        return List.copyOf(played);
    }

    /** Every command line the server sent, in order. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    public List<Path> recordings() {
        return List.copyOf(recordings);
    }

    /** True when the call ended because the caller hung up (rather than the server ending it). */
    public boolean callerHungUp() {
        return hungUp && !commands.contains("HANGUP");
    }
}
