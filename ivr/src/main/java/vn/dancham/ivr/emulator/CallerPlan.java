package vn.dancham.ivr.emulator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The caller's side of an emulated call: what they hear, press, say and when. {@link AsteriskEmulator} asks it at
 * each moment of the call and answers the FastAGI server exactly as Asterisk's res_agi would for what the caller
 * did; the plan never writes protocol text itself (except {@link Act#reply} to inject a failure). A plan may take
 * its time in any method: that is the caller's (or Asterisk's) time, e.g. a prompt playing or a slow reply.
 */
public interface CallerPlan {

    /**
     * A command has arrived ({@code arrivedNanos} is {@link System#nanoTime()} right after it was read). Return
     * {@link Act#NOTHING} to have it answered, {@link Act#hangUp()} if the caller hung up before it (Asterisk then
     * sends {@code HANGUP} and answers as on a dead channel), or {@link Act#reply} to answer it with other lines.
     */
    default Act command(String line, long arrivedNanos) throws InterruptedException {
        return Act.NOTHING;
    }

    /** Text went to the server (the environment, then each reply); {@code sentNanos} is right after the flush. */
    default void sent(String text, long sentNanos) {
    }

    /** A prompt plays (STREAM FILE, CONTROL STREAM FILE, GET OPTION, SAY …): listen, press an escape digit, … */
    Act prompt(String file, String escapeDigits) throws InterruptedException;

    /** GET DATA: the prompt plays, then the caller types up to {@code maxDigits} digits. */
    Act digits(String file, Duration timeout, int maxDigits) throws InterruptedException;

    /** WAIT FOR DIGIT (and GET OPTION after its prompt): one key, silence, or a hangup. */
    Act key(Duration timeout) throws InterruptedException;

    /**
     * RECORD FILE into {@code file} (where the emulator writes the audio for {@link Act#speak}); {@code beep} when
     * the server asked Asterisk to play its core {@code beep} sound first.
     */
    Act record(Path file, String escapeDigits, boolean beep) throws InterruptedException;

    /** EXEC Dial: the DIALSTATUS the call to {@code target} ends with (ANSWER, BUSY, NOANSWER, …). */
    default String dial(String target) throws InterruptedException {
        return "ANSWER";
    }

    /** SET VARIABLE reached the channel. */
    default void variableSet(String name, String value) {
    }
}
