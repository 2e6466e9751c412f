package vn.dancham.scoring;

import java.time.Instant;

/**
 * Marks trend snapshots stale when something they counted changes later (docs/scoring.md § 8a). Ratings and stages
 * are marked by the scoring core itself whenever their contribution changes; other features call this for what
 * the scores read directly (a complaint's verdict). Call it inside the transaction that makes the change.
 */
public interface StaleTrends {

    /** The week and month containing this instant (in the scoring zone), if a snapshot of them was taken. */
    void changedAt(Instant at);
}
