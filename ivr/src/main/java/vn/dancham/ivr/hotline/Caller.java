package vn.dancham.ivr.hotline;

import vn.dancham.ivr.prompts.Clip;

import java.time.Duration;

/**
 * The narrow port the call flow speaks to: what a telephone line can do. Each method blocks until the line has
 * done it. A hangup surfaces as {@link HungUp} from any method; everything else is a value.
 */
public interface Caller {

    /** No key was pressed. */
    char NO_KEY = 0;

    /**
     * Plays a clip (Asterisk's STREAM FILE). A key among {@code escapeDigits} stops it at once (barge-in) and is
     * returned; otherwise {@link #NO_KEY} once the clip has played.
     */
    char play(Clip clip, String escapeDigits);

    /**
     * Plays a clip and collects up to {@code maxDigits} digits (GET DATA); {@code #} ends the entry and is not
     * returned. Returns what was typed, empty when nothing was typed before {@code timeout}.
     */
    String getData(Clip clip, Duration timeout, int maxDigits);

    /** Waits for one key (WAIT FOR DIGIT); {@link #NO_KEY} after {@code timeout}. */
    char waitForDigit(Duration timeout);

    /**
     * Records what the caller says (RECORD FILE) into {@code fileWithoutExtension} as WAV, without Asterisk's beep
     * (the flow plays its own {@code beep} prompt first, so a site needs no core sounds), until
     * {@code #}, {@code silence} or {@code maxLength}. A hangup during the recording is reported in the result
     * (the recording is kept), not thrown.
     */
    Recording record(String fileWithoutExtension, Duration maxLength, Duration silence);

    /** Puts the call through (EXEC Dial) and returns Asterisk's DIALSTATUS (ANSWER, BUSY, NOANSWER, ...). */
    String dial(String dialString, Duration timeout);

    /** Ends the call from our side. Never throws. */
    void hangup();

    /**
     * Tells the tester of a test call what a real call would have done here (sets {@link TestNote#VARIABLE}, which
     * the test-call page's softphone shows). Called in test calls only.
     */
    void testNote(TestNote note);

    /**
     * What a recording produced.
     *
     * @param ok      false when Asterisk could not record (e.g. the directory is not writable)
     * @param seconds the length of the recording
     * @param hungUp  the caller hung up while recording
     * @param failure when not ok, Asterisk's word for why ({@code writefile}: it could not create the file, i.e.
     *                the recordings directory's permissions or a full disk; {@code randomerror}: the line failed
     *                before recording began), or null
     */
    record Recording(boolean ok, int seconds, boolean hungUp, String failure) {

        public Recording(boolean ok, int seconds, boolean hungUp) {
            this(ok, seconds, hungUp, null);
        }

        /** What the call log says about a failed recording, so that an operator looks in the right place. */
        public String describeFailure() {
            if (failure == null) {
                return "recording failed";
            }
            return "recording failed: " + failure + switch (failure) {
                case "writefile" -> " (Asterisk could not create the file: recordings directory not writable by "
                        + "Asterisk's user, or disk full)";
                case "randomerror" -> " (the line failed before recording began)";
                default -> "";
            };
        }
    }
}
