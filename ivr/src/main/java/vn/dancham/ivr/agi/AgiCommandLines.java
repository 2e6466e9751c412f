package vn.dancham.ivr.agi;

import org.asteriskjava.fastagi.command.AbstractAgiCommand;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.GetDataCommand;
import org.asteriskjava.fastagi.command.StreamFileCommand;
import org.asteriskjava.fastagi.command.WaitForDigitCommand;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The text of the AGI commands a call sends, made once per distinct command rather than on every command. Asterisk-
 * Java builds each command's line anew, quoting every argument with three {@code String.replaceAll} (three regexes
 * compiled) and a {@code String.format}: 8 % of the call threads' CPU in issue 16's profile, for a few hundred
 * lines that never change (the catalogued prompts, the key and digit timeouts). The text is still the library's own
 * ({@code buildCommand()} of its command classes, run once), so what Asterisk receives is unchanged.
 * <p>
 * Bounded: past {@link #MAX_LINES} distinct lines (prompts made per call, such as a name read aloud, could
 * otherwise grow it without end) a line is built on every use, as the library does.
 */
final class AgiCommandLines {

    static final int MAX_LINES = 4096;

    private final ConcurrentHashMap<Object, Line> lines = new ConcurrentHashMap<>();

    private record StreamFile(String file, String escapeDigits) {
    }

    private record GetData(String file, long timeoutMillis, int maxDigits) {
    }

    private record WaitForDigit(long timeoutMillis) {
    }

    /** {@code STREAM FILE "<file>" "<escape digits>"}. */
    AgiCommand streamFile(String file, String escapeDigits) {
        return line(new StreamFile(file, escapeDigits), () -> new StreamFileCommand(file, escapeDigits));
    }

    /** {@code GET DATA "<file>" <timeout> <max digits>}. */
    AgiCommand getData(String file, long timeoutMillis, int maxDigits) {
        return line(new GetData(file, timeoutMillis, maxDigits),
                () -> new GetDataCommand(file, timeoutMillis, maxDigits));
    }

    /** {@code WAIT FOR DIGIT <timeout>}. */
    AgiCommand waitForDigit(long timeoutMillis) {
        return line(new WaitForDigit(timeoutMillis), () -> new WaitForDigitCommand(timeoutMillis));
    }

    int size() {
        return lines.size();
    }

    private AgiCommand line(Object key, Supplier<AgiCommand> command) {
        Line cached = lines.get(key);
        if (cached != null) {
            return cached;
        }
        Line made = new Line(command.get().buildCommand());
        if (lines.size() < MAX_LINES) {
            lines.putIfAbsent(key, made);
        }
        return made;
    }

    /**
     * A command whose line is already built. Immutable and shared by every call (Asterisk-Java only sets the
     * Asterisk version on a command, which none of these lines depends on, and reads {@link #buildCommand()}).
     */
    static final class Line extends AbstractAgiCommand {

        private final String text;

        Line(String text) {
            this.text = text;
        }

        @Override
        public String buildCommand() {
            return text;
        }

        @Override
        public void setAsteriskVersion(org.asteriskjava.AsteriskVersion version) {
            // Shared between calls: the version of one call's Asterisk is not kept on it (no line depends on it).
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
