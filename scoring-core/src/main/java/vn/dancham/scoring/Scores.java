package vn.dancham.scoring;

import java.util.Collection;
import java.util.List;

/**
 * Scores for pages and exports. Reads the per-day aggregates and the snapshots, never the raw ratings (except an
 * explanation's item lists), so a page costs a few indexed queries whatever the number of ratings.
 */
public interface Scores {

    SubjectScore score(Subject subject, Period period);

    /** Several subjects of one type at once (e.g. an export), unshrunk, in the order asked. */
    List<SubjectScore> scores(Collection<Subject> subjects, Period period);

    Leaderboard leaderboard(LeaderboardTable table, Period period);

    /**
     * The subject's last {@code points} weeks or months (granularity WEEK or MONTH) from the nightly snapshots,
     * oldest first; periods without a snapshot are left out.
     */
    List<TrendPoint> trend(Subject subject, Period.Kind granularity, int points);

    /**
     * {@link #score} and {@link #trend} together: what a subject's page reads first. For an officer whose figures
     * the officer tables kept ready hold fresh, one indexed statement (docs/scoring.md "Pages from one read");
     * the same figures as the two calls.
     */
    default SubjectPage page(Subject subject, Period period, Period.Kind granularity, int points) {
        return new SubjectPage(score(subject, period), trend(subject, granularity, points));
    }

    /**
     * Decision 766 style figures on whole dossiers (on-time rate counting overdue unreturned ones, early-return
     * share) for an office, a unit, a field or the dossiers an officer received.
     */
    DossierTimeliness dossierTimeliness(Subject subject, Period period);

    /** The score with the ratings, stages and complaints behind it (each list at most {@code limit} items). */
    ScoreExplanation explain(Subject subject, Period period, int limit);
}
