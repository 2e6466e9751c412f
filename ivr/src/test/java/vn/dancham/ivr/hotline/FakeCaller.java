package vn.dancham.ivr.hotline;

import vn.dancham.ivr.prompts.Clip;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A telephone line driven by a script of what the caller does: each character is a key, {@code T} is silence
 * through one wait (a timeout), {@code H} is the caller hanging up, {@code R} hanging up while
 * being recorded. When the script runs out the caller hangs up,
 * so no test can wait forever. A key is pressed when the line waits for one, after the prompt; a key written
 * {@code !k} is pressed during the prompt (barge-in), as an impatient caller does.
 */
final class FakeCaller implements Caller {

    final List<Clip> played = new ArrayList<>();
    final List<String> dialled = new ArrayList<>();
    final List<String> recordedFiles = new ArrayList<>();
    final List<TestNote> notes = new ArrayList<>();
    private final Deque<Character> script = new ArrayDeque<>();
    private boolean bargeNext;
    String dialStatus = "ANSWER";
    /** DIALSTATUS of each Dial in turn (the leader chain); {@link #dialStatus} once used up. */
    final Deque<String> dialStatuses = new ArrayDeque<>();
    final List<Duration> dialTimeouts = new ArrayList<>();
    /** What the time does while the phones ring (e.g. a test clock moves on by the ring time). */
    java.util.function.Consumer<Duration> whileRinging = ring -> { };
    int recordingSeconds = 7;
    boolean recordingWorks = true;
    boolean hungUpByUs;
    int operations;

    FakeCaller(String keys) {
        for (char c : keys.replace(" ", "").toCharArray()) {
            script.add(c);
        }
        bargeNext = script.peek() != null && script.peek() == '!';
        if (bargeNext) {
            script.poll();
        }
    }

    @Override
    public char play(Clip clip, String escapeDigits) {
        operate();
        played.add(clip);
        Character next = script.peek();
        if (bargeNext && next != null && escapeDigits.indexOf(next) >= 0) {
            return poll();
        }
        return NO_KEY;
    }

    @Override
    public String getData(Clip clip, Duration timeout, int maxDigits) {
        operate();
        played.add(clip);
        StringBuilder typed = new StringBuilder();
        while (typed.length() < maxDigits) {
            Character next = poll();
            if (next == null || next == 'H') {
                throw new HungUp();
            }
            if (next == '#' || next == 'T') {
                break;
            }
            typed.append(next);
        }
        return typed.toString();
    }

    @Override
    public char waitForDigit(Duration timeout) {
        operate();
        Character next = poll();
        if (next == null || next == 'H') {
            throw new HungUp();
        }
        return next == 'T' ? NO_KEY : next;
    }

    @Override
    public Recording record(String file, Duration maxLength, Duration silence) {
        operate();
        recordedFiles.add(file);
        Character next = script.peek();
        if (next == null || next == 'R') {
            poll();
            return new Recording(recordingWorks, recordingWorks ? recordingSeconds : 0, true);
        }
        if (next == '#') {
            poll();
        }
        return new Recording(recordingWorks, recordingWorks ? recordingSeconds : 0, false);
    }

    @Override
    public String dial(String dialString, Duration timeout) {
        operate();
        dialled.add(dialString);
        dialTimeouts.add(timeout);
        whileRinging.accept(timeout);
        return dialStatuses.isEmpty() ? dialStatus : dialStatuses.poll();
    }

    @Override
    public void testNote(TestNote note) {
        operate();
        notes.add(note);
    }

    @Override
    public void hangup() {
        hungUpByUs = true;
    }

    /** Takes the next action; notes whether the one after it is pressed during a prompt. */
    private Character poll() {
        Character c = script.poll();
        bargeNext = script.peek() != null && script.peek() == '!';
        if (bargeNext) {
            script.poll();
        }
        return c;
    }

    private void operate() {
        operations++;
        if (operations > 10_000) {
            throw new AssertionError("The flow loops");
        }
        if (script.peek() != null && script.peek() == 'H') {
            poll();
            throw new HungUp();
        }
    }

    List<String> playedNames() {
        return played.stream().map(Clip::catalogName).toList();
    }

    String heard() {
        return String.join(" ", played.stream().map(Clip::textVi).filter(t -> !t.isEmpty()).toList());
    }
}
