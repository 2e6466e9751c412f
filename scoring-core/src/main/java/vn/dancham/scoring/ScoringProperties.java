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
 */
@ConfigurationProperties("dancham.scoring")
public record ScoringProperties(
        @DefaultValue("Asia/Ho_Chi_Minh") ZoneId zone,
        @DefaultValue Attribution attribution,
        @DefaultValue IdentityWeights identity,
        @DefaultValue AntiGaming antiGaming,
        @DefaultValue Model model,
        @DefaultValue Concerns concerns,
        @DefaultValue Fairness fairness) {

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
     * Weight of one rating by caller identity: VERIFIED (caller number is the applicant's phone), UNVERIFIED
     * (another number), WITHHELD (no number).
     */
    public record IdentityWeights(
            @DefaultValue("1.0") BigDecimal verified,
            @DefaultValue("0.6") BigDecimal unverified,
            @DefaultValue("0.3") BigDecimal withheld) {
    }

    /**
     * @param dailyCap                 ratings one caller number may give per local day; further ones are stored,
     *                                 flagged DAILY_CAP and held out
     * @param burstWindow              a caller rating at least {@code burstDistinctOfficers} different officers
     *                                 within this window is flagged BURST (all of those ratings)
     * @param burstDistinctOfficers    see burstWindow
     * @param identicalLowWindow       at least {@code identicalLowCount} identical low ratings (value at most
     *                                 {@code identicalLowMaxValue}) of one officer on one criterion from
     *                                 non-verified callers within this window are flagged IDENTICAL_LOW
     * @param identicalLowCount        see identicalLowWindow
     * @param identicalLowMaxValue     see identicalLowWindow
     * @param lowestAttitudeAlert      publish LOWEST_ATTITUDE for a counted attitude rating of 1
     */
    public record AntiGaming(
            @DefaultValue("15") int dailyCap,
            @DefaultValue("60m") Duration burstWindow,
            @DefaultValue("6") int burstDistinctOfficers,
            @DefaultValue("6h") Duration identicalLowWindow,
            @DefaultValue("5") int identicalLowCount,
            @DefaultValue("2") int identicalLowMaxValue,
            @DefaultValue("true") boolean lowestAttitudeAlert) {
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
