package vn.dancham.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The per-severity escalation policies (table {@code escalation_policy}), as administrators see and change them.
 * The escalation engine reads the policy at every step, so a change applies to the next step of every incident
 * still climbing (a step already scheduled keeps its time) and to every incident opened afterwards.
 */
public interface EscalationPolicies {

    /**
     * @param waitTime    how long each level has to acknowledge before the next one is told
     * @param maxLevel    the highest roster level the chain climbs to (1–9)
     * @param repeats     how many more rounds from the lowest level after the last one (0–10)
     * @param dailyDigest LOW concerns: no SMS chain, the morning digest instead (not editable here)
     */
    record Policy(Severity severity, Duration waitTime, int maxLevel, int repeats, boolean dailyDigest) {

        public long waitMinutes() {
            return waitTime.toMinutes();
        }
    }

    /** Which field of the form a problem is about. */
    enum Field { WAIT_MINUTES, MAX_LEVEL, REPEATS }

    /** Why a value is refused; the web turns each into a sentence. */
    enum Problem { REQUIRED, NOT_WHOLE, OUT_OF_RANGE, DAILY_DIGEST }

    int MIN_WAIT_MINUTES = 1;
    int MAX_WAIT_MINUTES = 24 * 60;
    int MAX_LEVEL = 9;
    int MAX_REPEATS = 10;

    /** Nothing stored when {@code problems} is not empty; {@code before} equals {@code after} when nothing changed. */
    record Update(Map<Field, Problem> problems, Policy before, Policy after) {

        public boolean accepted() {
            return problems.isEmpty();
        }

        public boolean changed() {
            return accepted() && !before.equals(after);
        }
    }

    /** URGENT, WARNING, LOW in that order. */
    List<Policy> all();

    /**
     * Sets the wait (whole minutes, 1–1440), the highest level (1–9) and the repeats (0–10) of a severity, as typed.
     * A daily-digest policy (LOW) is refused: it sends no chain, the digest hour is configuration.
     */
    Update update(Severity severity, String waitMinutes, String maxLevel, String repeats);
}
