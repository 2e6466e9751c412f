package vn.dancham.scoring.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Which league tables rest on so many answers that they are computed again on a schedule, not after every change
 * (docs/scoring.md § 9d; issue 16). Plain policy: no database, no clock of its own.
 * <p>
 * Why: every answer marks the tables of its office up to the top, and the fields' table. At 10 million ratings the
 * country's offices, its districts and the fields for 30, 90 and 365 days are nine tables resting on 0.8 to 10
 * million ratings each, about a minute of the database each to compute; after any answer all nine were stale, and
 * computed again by the rating writer (holding the next answers back in the inbox for minutes), by the five-minute
 * job and by whoever viewed one (waiting that minute): {@code bench/results/2026-12-05-verdict-marks-10m.md}.
 * <p>
 * The rule: a table resting on more than {@code from} ratings ("broad") is never computed by the rating writer. A
 * broad table marked stale by a change stays served as stored, saying so ({@code Leaderboard.pendingUntil}: changes
 * after its time are not counted yet, and by when they will be), while it is younger than {@link #SERVED_FOR}; the
 * periodic job computes it again once it is older than {@code every}. What it costs: until then such a table misses
 * the changes since its time; a member's figures move by one answer in its own sample (one answer among a few hundred
 * moves a mean by up to a few tenths of a point), the table's means by less than 0.001 point. Tables of other
 * settings or never computed are computed at view as before: figures of other settings are never shown.
 *
 * @param from  a table resting on more ratings than this is broad. Default 100,000: at the province size (500,000
 *              ratings a year) its 90- and 365-day tables of the whole province, computed in seconds; at the country
 *              size the nine tables above, no district's or office's table (at most 1,745 ratings a month)
 * @param every how old a marked broad table must be before the periodic job computes it again (default 30 minutes:
 *              the periodic job runs every five, so a marked table waits at most about 35 minutes plus the
 *              computation, inside {@link #SERVED_FOR}; at 10 M ratings the nine take the job 16.9 minutes, so the
 *              last is stored by about 52: {@code bench/results/2026-12-05-answer-refresh-10m.md})
 */
public record BroadLeagues(long from, Duration every) {

    /**
     * How long after its time a marked broad table is still served as stored: the age rule of a running period's
     * tables ({@link ScoreQueries#RUNNING_MAX_AGE}, an hour), so a page never shows figures older than it already
     * could. Past it, the page computes the table itself (the periodic job is then late or down).
     */
    public static final Duration SERVED_FOR = ScoreQueries.RUNNING_MAX_AGE;

    /** The defaults of {@code dancham.scoring.leagues} (declared after SERVED_FOR, which the constructor reads). */
    public static final BroadLeagues DEFAULT = new BroadLeagues(100_000, Duration.ofMinutes(30));

    public BroadLeagues {
        if (from < 0) {
            throw new IllegalArgumentException("dancham.scoring.leagues.broad-from cannot be negative: " + from);
        }
        if (every == null || every.isNegative() || every.compareTo(SERVED_FOR) >= 0) {
            throw new IllegalArgumentException("dancham.scoring.leagues.broad-every must be at least 0 and less than "
                    + SERVED_FOR + ": " + every);
        }
    }

    /** Whether a table resting on this many ratings is broad (null: never computed, so not known to be). */
    public boolean broad(Long ratings) {
        return ratings != null && ratings > from;
    }

    /**
     * Until when a broad table computed at {@code computedAt} and marked since is served as stored (with the time the
     * changes since will be counted by); null when it is not broad: a marked table of ordinary size is never served.
     */
    public Instant servedUntil(Long ratings, Instant computedAt) {
        return broad(ratings) && computedAt != null ? computedAt.plus(SERVED_FOR) : null;
    }

    /** Marked broad tables computed before this instant are due for the periodic job. */
    public Instant dueBefore(Instant now) {
        return now.minus(every);
    }
}
