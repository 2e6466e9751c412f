package vn.dancham.bench.agi;

import java.util.ArrayList;
import java.util.List;

/**
 * The order of measured runs when two servers are compared on a shared machine: baseline, candidate, baseline,
 * candidate… so both see the same drift of the machine's load, and the baseline's repeats show its own noise.
 */
public final class AbSchedule {

    private AbSchedule() {
    }

    /** One run of the schedule: which side, and its place (1-based) in the whole order. */
    public record Slot(int order, boolean baseline, int round) {
    }

    /** {@code pairs} pairs, each the baseline first. */
    public static List<Slot> interleaved(int pairs) {
        if (pairs < 1) {
            throw new IllegalArgumentException("At least one pair of runs: " + pairs);
        }
        List<Slot> out = new ArrayList<>(pairs * 2);
        for (int round = 1; round <= pairs; round++) {
            out.add(new Slot(out.size() + 1, true, round));
            out.add(new Slot(out.size() + 1, false, round));
        }
        return List.copyOf(out);
    }
}
