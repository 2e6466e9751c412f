package vn.dancham.scoring;

/**
 * Audits and bulk loads: rebuilding the aggregates from the raw rows, and taking the nightly snapshots on demand.
 */
public interface ScoringMaintenance {

    /**
     * Rebuilds the per-day rating and stage aggregates from the raw ratings and stages, in one transaction. Its
     * result equals what the incremental updates maintain; run it after changing attribution rules or moving an
     * office to another administrative unit.
     */
    void recomputeAll();
}
