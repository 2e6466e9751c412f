package vn.dancham.ivr.emulator;

/**
 * What the caller does at a moment the line asks a {@link CallerPlan}. Which acts make sense depends on the moment:
 * a prompt can be listened to ({@link #NOTHING}), interrupted ({@link Press}), missing, or hung up on; a wait for
 * keys gets a key, digits, silence or a hangup; a recording gets speech or fails. An act that makes no sense at a
 * moment counts as {@link #NOTHING} there, as Asterisk ignores a key that is not an escape digit.
 */
public sealed interface Act {

    /** Nothing happens: the prompt plays to its end, a wait times out, the command is answered as usual. */
    Act NOTHING = new Nothing();

    static Act press(char key) {
        return new Press(key);
    }

    /** Digits for GET DATA, ended by {@code #} or by reaching the maximum. */
    static Act type(String digits) {
        return new Type(digits, true);
    }

    /** Digits for GET DATA, then silence until the timeout: {@code 200 result=<digits> (timeout)}. */
    static Act typeThenWait(String digits) {
        return new Type(digits, false);
    }

    /** The caller hangs up: during the command when asked at a prompt or a wait, else before the command arrives. */
    static Act hangUp() {
        return new HangUp();
    }

    /** The sound file does not exist on the Asterisk host: {@code 200 result=-1 endpos=0}, the channel still up. */
    static Act missingFile() {
        return new MissingFile();
    }

    /** The caller speaks for {@code seconds}, then presses {@code endKey} (null: the recording runs out). */
    static Act speak(int seconds, Character endKey) {
        return new Speak(seconds, endKey);
    }

    /** RECORD FILE fails as res_agi reports it: {@code writefile} (cannot write) or {@code randomerror} (no beep). */
    static Act recordFails(RecordFailure failure) {
        return new RecordFails(failure);
    }

    /** Failure injection: these lines go back instead of Asterisk's answer (510, 511, garbage, half a reply). */
    static Act reply(String raw) {
        return new Reply(raw);
    }

    record Nothing() implements Act {
    }

    record Press(char key) implements Act {
    }

    record Type(String digits, boolean finished) implements Act {
        public Type {
            if (!digits.matches("[0-9*#]*")) {
                throw new IllegalArgumentException("Digits are 0-9, * and #: " + digits);
            }
        }
    }

    record HangUp() implements Act {
    }

    record MissingFile() implements Act {
    }

    record Speak(int seconds, Character endKey) implements Act {
        public Speak {
            if (seconds < 0 || seconds > 3600) {
                throw new IllegalArgumentException("A recording lasts 0 to 3600 seconds: " + seconds);
            }
        }
    }

    record RecordFails(RecordFailure failure) implements Act {
    }

    record Reply(String raw) implements Act {
    }

    /** The two ways res_agi's RECORD FILE fails before recording anything. */
    enum RecordFailure {
        /** The file cannot be created: {@code 200 result=-1 (writefile)}. */
        WRITEFILE,
        /** The {@code BEEP} sound is missing (no core sounds): {@code 200 result=-1 (randomerror) endpos=0}. */
        RANDOMERROR
    }
}
