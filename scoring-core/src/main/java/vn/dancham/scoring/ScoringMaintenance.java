package vn.dancham.scoring;

import java.time.LocalDate;
import java.util.List;

/**
 * Audits, bulk loads and the nightly work: rebuilding the aggregates from the raw rows, taking snapshots for trend
 * charts, and deciding score concerns.
 */
public interface ScoringMaintenance {

    /**
     * Rebuilds the per-day rating and stage aggregates from the raw ratings and stages, in one transaction. Its
     * result equals what the incremental updates maintain; run it after changing attribution rules or moving an
     * office to another administrative unit.
     */
    void recomputeAll();

    /**
     * Stores the score of every subject with data for every week and month overlapping {@code from}..{@code to}
     * (inclusive), replacing earlier snapshots of those periods. After a bulk load, snapshot the loaded range.
     *
     * @return the number of snapshot rows written
     */
    int snapshot(LocalDate from, LocalDate to);

    /**
     * Checks officers and offices for LOW_SCORE (last 30 days) and SCORE_DROP (last full month against the one
     * before), publishing {@link ConcernRaised} for each new concern (each subject, kind and period once).
     *
     * @return the concerns raised now
     */
    List<ConcernRaised> checkConcerns();

    /**
     * Takes again the snapshot rows of past weeks and months that late changes marked stale (a stage edited or
     * imported with past times, a held answer released, an earlier answer superseded: those subjects' rows; a
     * complaint verdict: every subject's), and clears their marks. Run every few minutes and nightly; safe to run at
     * any time and on any node.
     *
     * @return the number of periods some of whose snapshot rows were taken again
     */
    int refreshStale();

    /**
     * What the five-minute job runs: {@link #refreshStale()}, except that the marks of trend points resting on very
     * many ratings (a province's, a field's) are left for the nightly run, which reads every rating of their periods
     * once for all the day's late changes (docs/scoring.md § 8a).
     *
     * @return the number of periods some of whose snapshot rows were taken again
     */
    int refreshStaleExceptLarge();

    /**
     * Marks the league tables kept ready whose figures moved with time alone since the last run: those of the stages
     * that became overdue while open (their due time plus the grace passed) or whose recorded finishing time passed
     * (docs/scoring.md § 5b, § 9a), and records up to when time is marked. A page serves a running period's table
     * while it is not marked and time was marked within the hour; without this run a table older than an hour is
     * computed again. Run every minute; safe on any node at any time (runs wait for each other).
     *
     * @return how many stages marked their tables
     */
    int markTimePassed();

    /**
     * Computes again the league tables kept ready that changes marked stale or that were computed with other
     * settings (docs/scoring.md "Pages from one read"), after {@link #markTimePassed()}. Run every few minutes; safe
     * on any node at any time.
     *
     * @return the number of tables computed
     */
    int refreshLeagues();

    /**
     * Computes the standard league tables (districts, offices, each office's officers, fields) for the pages'
     * rolling windows ending today, forgets yesterday's, and refreshes the other stale ones.
     *
     * @return the number of tables computed
     */
    int prepareLeagues();

    /**
     * The nightly job: snapshots of the current and previous week and month, the stale past periods, the concern
     * check, then the league tables kept ready ({@link #prepareLeagues()}).
     */
    void nightly();
}
