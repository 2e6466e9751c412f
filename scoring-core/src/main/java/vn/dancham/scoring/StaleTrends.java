package vn.dancham.scoring;

/**
 * Marks trend snapshots and league tables stale when something they counted changes later (docs/scoring.md § 8a).
 * Ratings and stages are marked by the scoring core itself whenever their contribution changes; other features call
 * this for what the scores read directly (a complaint's verdict). Call it inside the transaction that makes the
 * change.
 */
public interface StaleTrends {

    /**
     * What this complaint counts for as it stands in the caller's transaction (nothing unless it is a confirmed
     * accusation): its subjects' week and month of the day it was made, if a snapshot of them was taken, and the
     * league tables that list them. Call it before and after changing its verdict or the officers it names.
     */
    void complaint(long complaintId);
}
