package vn.dancham.scoring;

/**
 * The scoring settings in force right now: the configured {@link ScoringProperties} with the values an
 * administrator stored from the web laid over them ({@link ScoringSetting}). Scoring code asks this port each time
 * it computes (a leaderboard, a rating's daily cap, the nightly concern check) instead of holding the configured
 * record, so a change applies without a restart.
 */
public interface ScoringSettings {

    /** The settings in force now (cheap: cached briefly by the stored implementation). */
    ScoringProperties current();

    /**
     * The configured properties alone, never touching the database: for what is not editable (time zone,
     * attribution, time decay, anti-gaming windows), read once when a component is built.
     */
    ScoringProperties configured();

    /** Always the same settings: plain-Java tests and tools. */
    static ScoringSettings fixed(ScoringProperties properties) {
        return new ScoringSettings() {
            @Override
            public ScoringProperties current() {
                return properties;
            }

            @Override
            public ScoringProperties configured() {
                return properties;
            }
        };
    }
}
