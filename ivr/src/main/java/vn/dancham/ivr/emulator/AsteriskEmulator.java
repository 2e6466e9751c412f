package vn.dancham.ivr.emulator;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Plays Asterisk's side of one FastAGI call: sends the {@code agi_*} environment and the blank line, then answers
 * every command as Asterisk 22's res_agi does for what the {@link CallerPlan} says the caller does, until the server
 * closes the connection. One implementation of the protocol for the softphone (keys from a web page), the tests
 * (scripted keys and injected failures) and the load generator (paced scenarios, timed by the plan's hooks).
 */
public final class AsteriskEmulator {

    private AsteriskEmulator() {
    }

    /**
     * @param maxCommands    a call sending more commands than this ends {@link Ending#RUNAWAY}: a script that
     *                       never ends is a failure, not a hang
     * @param recordingsRoot  where RECORD FILE may write: relative names are taken under it, files named outside
     *                        it are not written (the load generator's disk is not Asterisk's); null: the file is
     *                        written where the server named it
     * @param variables       the channel's variables before the script runs (e.g. {@code DIALSTATUS}, for a test)
     * @param writeRecordings false: no audio is written anywhere, the replies are the same
     */
    public record Options(int maxCommands, Path recordingsRoot, Map<String, String> variables,
                          boolean writeRecordings) {

        public static final Options DEFAULT = new Options(100_000, null, Map.of(), true);

        public Options {
            if (maxCommands < 1) {
                throw new IllegalArgumentException("maxCommands must be positive: " + maxCommands);
            }
            variables = variables == null ? Map.of() : Map.copyOf(variables);
        }

        public Options withMaxCommands(int max) {
            return new Options(max, recordingsRoot, variables, writeRecordings);
        }

        public Options withRecordingsRoot(Path root) {
            return new Options(maxCommands, root, variables, writeRecordings);
        }

        public Options withVariables(Map<String, String> vars) {
            return new Options(maxCommands, recordingsRoot, vars, writeRecordings);
        }

        public Options withoutRecordings() {
            return new Options(maxCommands, recordingsRoot, variables, false);
        }
    }

    /** How a call ended, from Asterisk's side. */
    public enum Ending {
        /** The server closed the connection (the script ended, or it refused the call before any command). */
        SERVER_CLOSED,
        /** No command within the connection's read timeout while the line waited (dead air). */
        SILENT,
        /** The connection broke (reset, broken pipe, an over-long line) or the line was interrupted. */
        BROKEN,
        /** More commands than {@link Options#maxCommands()}. */
        RUNAWAY
    }

    /**
     * @param commands  commands the server sent
     * @param detail    for anything but SERVER_CLOSED: what was seen; else null
     * @param variables the channel variables at the end (what the script set, DIALSTATUS, …)
     * @param hungUp    whether the channel had been hung up (by the caller or by the script's HANGUP)
     */
    public record Result(Ending ending, int commands, String detail, Map<String, String> variables,
                         boolean hungUp) {
    }

    /** Runs the call to its end on this thread; the connection is left open for the caller to close. */
    public static Result call(AgiConnection line, Map<String, String> environment, CallerPlan plan,
                              Options options) {
        ResAgi channel = new ResAgi(plan, options, environment.get("agi_channel"));
        int commands = 0;
        String command = null;
        try {
            String env = AgiEnvironment.text(environment);
            line.write(env);
            plan.sent(env, System.nanoTime());
            while ((command = line.nextCommand()) != null) {
                long arrived = System.nanoTime();
                commands++;
                if (commands > options.maxCommands()) {
                    return result(Ending.RUNAWAY, commands, "last command: " + command, channel);
                }
                String reply = channel.answer(command, plan.command(command, arrived));
                line.write(reply);
                plan.sent(reply, System.nanoTime());
            }
            return result(Ending.SERVER_CLOSED, commands, null, channel);
        } catch (SocketTimeoutException e) {
            return result(Ending.SILENT, commands, "no command after " + commands + " commands; last: " + command,
                    channel);
        } catch (IOException e) {
            return result(Ending.BROKEN, commands, e.toString(), channel);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return result(Ending.BROKEN, commands, "interrupted", channel);
        }
    }

    private static Result result(Ending ending, int commands, String detail, ResAgi channel) {
        return new Result(ending, commands, detail, channel.variables(), channel.dead());
    }
}
