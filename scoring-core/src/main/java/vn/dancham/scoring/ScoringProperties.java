package vn.dancham.scoring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * {@code dancham.scoring.*}: how ratings are attributed, weighed and guarded against gaming, and how scores are
 * computed. docs/scoring.md explains each setting; the defaults below are the documented ones.
 *
 * @param zone        the local time zone: a rating's "day" (aggregates, the daily cap) and calendar periods
 * @param attribution to whom each criterion's ratings go
 * @param identity    weights by caller identity
 * @param antiGaming  caps and flags
 * @param model       score computation
 * @param concerns    when a score becomes a concern for the leaders
 * @param fairness    what the data must show before it judges anyone
 * @param writer      the rating writer that applies the answers kept on the caller's time
 * @param leagueCache the league tables kept ready, held decoded in each node's memory
 * @param leagues     which league tables kept ready are computed again on a schedule rather than after every change
 */
@ConfigurationProperties("dancham.scoring")
public record ScoringProperties(
        @DefaultValue("Asia/Ho_Chi_Minh") ZoneId zone,
        @DefaultValue Attribution attribution,
        @DefaultValue IdentityWeights identity,
        @DefaultValue AntiGaming antiGaming,
        @DefaultValue Model model,
        @DefaultValue Concerns concerns,
        @DefaultValue Fairness fairness,
        @DefaultValue Writer writer,
        @DefaultValue LeagueCache leagueCache,
        @DefaultValue Leagues leagues) {

    /** Who answers for an attitude rating. */
    public enum AttitudeTarget { RECEIVING_OFFICER, OFFICE }

    /** Who answers for a timeliness rating. */
    public enum TimelinessTarget { LATE_STAGES, HANDLING_STAGES, RECEIVING_OFFICER, OFFICE }

    /** Who answers for an overall rating. */
    public enum OverallTarget { OFFICE, RECEIVING_OFFICER }

    /**
     * @param attitude           default RECEIVING_OFFICER: the one-stop counter officer who received the dossier
     * @param timeliness         default LATE_STAGES: the officers of the stages that overran their own due time
     * @param timelinessOnTime   when no stage overran; default HANDLING_STAGES: every officer who held the dossier
     *                           shares the credit (or the blame) once each
     * @param overall            default OFFICE: the receiving office as a whole, no officer
     */
    public record Attribution(
            @DefaultValue("RECEIVING_OFFICER") AttitudeTarget attitude,
            @DefaultValue("LATE_STAGES") TimelinessTarget timeliness,
            @DefaultValue("HANDLING_STAGES") TimelinessTarget timelinessOnTime,
            @DefaultValue("OFFICE") OverallTarget overall) {
    }

    /**
     * Weight of one rating by caller identity: VERIFIED (caller number is the applicant's phone), KNOWN (another
     * number, or none, that passed the knowledge check: the caller typed the last digits of the applicant's phone),
     * UNVERIFIED (another number), WITHHELD (no number).
     */
    public record IdentityWeights(
            @DefaultValue("1.0") BigDecimal verified,
            @DefaultValue("0.3") BigDecimal unverified,
            @DefaultValue("0.2") BigDecimal withheld,
            @DefaultValue("0.8") BigDecimal known) {
    }

    /**
     * The eligibility rules (docs/scoring.md "Threat model and eligibility rules"): which answers count and which are
     * held for HR. "Anonymous" callers are UNVERIFIED (another number) and WITHHELD ones, tied to the dossier by
     * nothing but its receipt number; all withheld callers are one caller to these rules.
     *
     * @param dailyCap                    answers one caller number may have counted per local day; further ones are
     *                                    held (DAILY_CAP)
     * @param dossierAnonymousCallers     anonymous callers whose answers count for one dossier (DOSSIER_CALLERS)
     * @param dossierKnownCallers         callers who passed the knowledge check whose answers count for one dossier
     * @param callerOfficerWindow         the window of the per-officer limits below
     * @param callerOfficerDossiers       dossiers of one officer an anonymous caller may rate within the window
     *                                    (CALLER_OFFICER); the applicant is exempt
     * @param knownCallerOfficerDossiers  the same for a caller who passed the knowledge check (a household, a
     *                                    service agent filing for several people)
     * @param officerAnonymousCallers     anonymous callers (each once per dossier) whose answers count for one
     *                                    officer within the window (OFFICER_ANONYMOUS)
     * @param anonymousLowMaxValue        answers from anonymous callers of at most this value are held for HR
     *                                    (ANONYMOUS_LOW); 0 turns the rule off
     * @param burstWindow                 a caller number rating {@code burstDistinctDossiers} different dossiers
     *                                    within this window is held (BURST), with its other answers in it
     * @param burstDistinctDossiers       see burstWindow
     * @param lowClusterWindow            {@code lowClusterCount} answers of at most {@code lowClusterMaxValue} about
     *                                    one officer from callers who are not the applicant within this window are
     *                                    held together (LOW_CLUSTER)
     * @param lowClusterCount             see lowClusterWindow
     * @param lowClusterMaxValue          see lowClusterWindow
     * @param lowestAttitudeAlert         publish LOWEST_ATTITUDE for a counted attitude rating of 1
     * @param knowledgeCheck              the hotline asks a caller whose number is not the applicant's for the last
     *                                    digits of the applicant's phone before rating a dossier
     */
    public record AntiGaming(
            @DefaultValue("15") int dailyCap,
            @DefaultValue("1") int dossierAnonymousCallers,
            @DefaultValue("2") int dossierKnownCallers,
            @DefaultValue("30d") Duration callerOfficerWindow,
            @DefaultValue("1") int callerOfficerDossiers,
            @DefaultValue("3") int knownCallerOfficerDossiers,
            @DefaultValue("3") int officerAnonymousCallers,
            @DefaultValue("2") int anonymousLowMaxValue,
            @DefaultValue("60m") Duration burstWindow,
            @DefaultValue("6") int burstDistinctDossiers,
            @DefaultValue("30d") Duration lowClusterWindow,
            @DefaultValue("2") int lowClusterCount,
            @DefaultValue("2") int lowClusterMaxValue,
            @DefaultValue("true") boolean lowestAttitudeAlert,
            @DefaultValue("true") boolean knowledgeCheck) {
    }

    /**
     * @param priorWeight       shrinkage: a leaderboard score is the subject's weighted ratings plus this many
     *                          pseudo-ratings at the parent unit's mean
     * @param confidence        the two-sided level of every uncertainty interval (Wilson score interval)
     * @param halfLife          time decay: a rating this old weighs half; zero (default) turns decay off
     * @param satisfactionWeight composite weight of the satisfaction score
     * @param onTimeWeight      composite weight of the on-time rate
     * @param complaintWeight   composite weight of the complaint component (100 with no complaints)
     * @param complaintPenalty  points the complaint component loses per complaint per 100 ratings
     * @param harassmentPenalty points the complaint component loses per harassment report per 100 ratings
     */
    public record Model(
            @DefaultValue("10") BigDecimal priorWeight,
            @DefaultValue("0.90") BigDecimal confidence,
            @DefaultValue("0d") Duration halfLife,
            @DefaultValue("0.6") BigDecimal satisfactionWeight,
            @DefaultValue("0.3") BigDecimal onTimeWeight,
            @DefaultValue("0.1") BigDecimal complaintWeight,
            @DefaultValue("10") BigDecimal complaintPenalty,
            @DefaultValue("30") BigDecimal harassmentPenalty) {
    }

    /**
     * @param lowScoreThreshold a subject whose satisfaction interval lies wholly below this (upper bound below
     *                          it) over the last 30 days is a LOW_SCORE concern
     * @param minRatings        fewer counted ratings than this never make a score concern
     * @param dropPoints        the satisfaction of the last full month below the month before by at least this
     *                          many points, with non-overlapping intervals, is a SCORE_DROP concern
     * @param checkCron         when the nightly snapshot and concern check run (Quartz cron, in {@code zone})
     */
    public record Concerns(
            @DefaultValue("60") BigDecimal lowScoreThreshold,
            @DefaultValue("10") int minRatings,
            @DefaultValue("15") BigDecimal dropPoints,
            @DefaultValue("0 30 1 * * ?") String checkCron) {
    }

    /**
     * What the data must show before it judges anyone (issue 12, docs/scoring.md § 5b and § 6a).
     *
     * @param lateGrace      a stage or dossier finished within this long after its due time is still on time
     *                       for the on-time rates (config only: it is counted into the stored aggregates, so run
     *                       {@code ScoringMaintenance.recomputeAll()} after changing it); default 0 = the legal due
     *                       time exactly
     * @param minEffectiveN  a subject is ranked only with at least this effective number of ratings; below it the
     *                       table lists it as not rated enough (web setting)
     * @param onTimePriorWeight shrinkage of the on-time rate in league tables: this many pseudo-stages at the
     *                       table's mean (web setting; {@code model.prior-weight} stays the satisfaction's). Smaller
     *                       than the satisfaction's because a stage's lateness is a recorded fact, not an opinion,
     *                       and members differ widely in it (docs/scoring.md § 6)
     */
    public record Fairness(
            @DefaultValue("0h") Duration lateGrace,
            @DefaultValue("10") BigDecimal minEffectiveN,
            @DefaultValue("2") BigDecimal onTimePriorWeight) {

        public Fairness {
            if (lateGrace.isNegative()) {
                throw new IllegalArgumentException("dancham.scoring.fairness.late-grace cannot be negative");
            }
        }
    }

    /**
     * The rating writer (docs/reliability.md, "The answer pipeline"; issue 16).
     *
     * @param batchSize most answers applied in one transaction, 1 – {@value #MAX_BATCH}. Larger batches share the
     *                  per-batch work (the writer lock, the claim, the aggregates, the commit) among more answers;
     *                  a batch holds up to three advisory locks per answer (its answer key, dossier and caller,
     *                  fewer when answers share them) to its commit, so the largest batch stays well inside
     *                  PostgreSQL's shared lock table ({@code max_locks_per_transaction} × connections, 6,400 by
     *                  default), and a crash rolls back at most one batch's work, applied again at the next claim
     * @param poll      how often each node looks at the inbox without a nudge (answers kept by a node that died),
     *                  10 ms – 10 min; also the wait before trying again while the database is away
     * @param linger    0 – 10 s: how long the writer gathers answers kept on its node before it claims them,
     *                  counted from the first of them, unless a full batch is kept sooner. The bound on how long an
     *                  answer waits before it is applied: when the writer is idle, {@code linger} plus its batch's
     *                  time; when it is busy, the batches already claimed (a backlog is drained in full batches
     *                  without a pause) plus its own; an answer kept on a node whose writer is down, {@code poll}
     *                  plus that. Zero claims at once: a trickle of answers then makes batches of one or two, each
     *                  paying a whole batch's fixed cost (issue 16)
     */
    public record Writer(
            @DefaultValue("500") int batchSize,
            @DefaultValue("1s") Duration poll,
            @DefaultValue("200ms") Duration linger) {

        /** Larger batches win little more and risk PostgreSQL's lock table (three locks per answer at most). */
        public static final int MAX_BATCH = 2000;

        public Writer {
            if (batchSize < 1 || batchSize > MAX_BATCH) {
                throw new IllegalArgumentException("dancham.scoring.writer.batch-size must be between 1 and "
                        + MAX_BATCH + ": " + batchSize);
            }
            if (poll == null || poll.compareTo(Duration.ofMillis(10)) < 0 || poll.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("dancham.scoring.writer.poll must be between 10ms and 10m: " + poll);
            }
            if (linger == null || linger.isNegative() || linger.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("dancham.scoring.writer.linger must be between 0 and 10s: "
                        + linger);
            }
        }
    }

    /**
     * The league tables kept ready, held decoded in each node's memory (docs/scoring.md § 9c; issue 16), dropped when
     * the database notifies that one was marked stale or replaced.
     *
     * @param entries the most league entries held on a node, all tables together (a table weighs its entries + 1;
     *                the default 100,000 holds the standard tables of a country's three windows, 99,630 entries
     *                at 10 M ratings); 0 turns the cache off (every page reads the database)
     * @param retry   the wait before opening the listening connection again after losing it (nothing is served
     *                from memory meanwhile)
     */
    public record LeagueCache(
            @DefaultValue("100000") long entries,
            @DefaultValue("1s") Duration retry) {

        public LeagueCache {
            if (entries < 0) {
                throw new IllegalArgumentException("dancham.scoring.league-cache.entries must not be negative: "
                        + entries);
            }
            if (retry == null || retry.isNegative() || retry.compareTo(Duration.ofMinutes(10)) > 0) {
                throw new IllegalArgumentException("dancham.scoring.league-cache.retry must be between 0 and 10m: "
                        + retry);
            }
        }
    }

    /**
     * League tables resting on very many answers (docs/scoring.md § 9d; issue 16): never computed by the rating
     * writer; once marked by a change, served as stored (the page says which changes are still to be counted, and
     * by when) until the periodic job computes them again. Checked when the scoring core starts.
     *
     * @param broadFrom  a table resting on more ratings than this (its members' sample sizes added up) is broad;
     *                   at least 0
     * @param broadEvery how old a marked broad table must be before the periodic job computes it again; at least
     *                   0 and under an hour (a marked table older than an hour is computed at view)
     */
    public record Leagues(
            @DefaultValue("100000") long broadFrom,
            @DefaultValue("30m") Duration broadEvery) {
    }

    /** The documented defaults, bound exactly as Spring binds them (one place for each default). */
    public static ScoringProperties defaults() {
        return with(Map.of());
    }

    /** Defaults with some properties overridden, e.g. {@code "anti-gaming.daily-cap" -> "3"}; for tests and tools. */
    public static ScoringProperties with(Map<String, String> overrides) {
        Map<String, String> prefixed = new java.util.HashMap<>();
        overrides.forEach((k, v) -> prefixed.put("dancham.scoring." + k, v));
        return new Binder(new MapConfigurationPropertySource(prefixed))
                .bindOrCreate("dancham.scoring", ScoringProperties.class);
    }
}
