package vn.dancham.ivr.hotline;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

/**
 * How the call flow behaves; built from {@code dancham.ivr.*}.
 *
 * @param maxRetries          tries per question before going back to the menu (or saying goodbye at the menu)
 * @param keyTimeout          wait for a menu key after its prompt
 * @param digitTimeout        wait for digits of a receipt number or office code
 * @param recordMaxLength     longest recording
 * @param recordSilence       silence that ends a recording
 * @param dialTemplate        Asterisk Dial string with {@code {number}}, e.g. {@code PJSIP/{number}@trunk}
 * @param dialTimeout         how long the leader's phone rings
 * @param recordingsDirectory where Asterisk writes recordings (as Asterisk sees the path)
 * @param zone                the zone dates and days are spoken in
 * @param defaultOfficeDialCode the office used for the leader on duty when the call names none, or null
 * @param databaseTimeout     the hotline pool's socket timeout ({@code dancham.ivr.database-timeout}); the limit is
 *                            the pool's (see {@link HotlineDatabaseScope}), the flow itself does not time calls
 * @param databaseRetryAfter  while the database is down, how often a background probe looks for it again
 * @param leaderChainTimeout  the most the caller is kept waiting while the leader chain rings level after level
 *                            (the sum of ring times); each try rings at most {@code dialTimeout}
 */
public record HotlineSettings(int maxRetries, Duration keyTimeout, Duration digitTimeout, Duration recordMaxLength,
                              Duration recordSilence, String dialTemplate, Duration dialTimeout,
                              Path recordingsDirectory, ZoneId zone, String defaultOfficeDialCode,
                              Duration databaseTimeout, Duration databaseRetryAfter, Duration leaderChainTimeout) {

    /** Rings the leader chain up to three default tries (90 s). */
    public static final Duration DEFAULT_LEADER_CHAIN_TIMEOUT = Duration.ofSeconds(90);

    public HotlineSettings {
        if (leaderChainTimeout == null) {
            leaderChainTimeout = DEFAULT_LEADER_CHAIN_TIMEOUT;
        }
        if (leaderChainTimeout.isNegative() || leaderChainTimeout.isZero()) {
            throw new IllegalArgumentException("dancham.ivr.leader-chain-timeout must be positive: "
                    + leaderChainTimeout);
        }
        if (maxRetries < 1 || maxRetries > 10) {
            throw new IllegalArgumentException("dancham.ivr.max-retries must be 1 to 10: " + maxRetries);
        }
        if (dialTemplate == null || !dialTemplate.contains("{number}")) {
            throw new IllegalArgumentException("dancham.ivr.dial-template must contain {number}: " + dialTemplate);
        }
        if (databaseTimeout == null || databaseTimeout.isNegative() || databaseTimeout.isZero()) {
            throw new IllegalArgumentException("dancham.ivr.database-timeout must be positive: " + databaseTimeout);
        }
        if (databaseRetryAfter == null || databaseRetryAfter.isNegative()) {
            throw new IllegalArgumentException("dancham.ivr.database-retry-after must not be negative: "
                    + databaseRetryAfter);
        }
    }

    /** The settings as they were before the leader chain: its cap is the default. */
    public HotlineSettings(int maxRetries, Duration keyTimeout, Duration digitTimeout, Duration recordMaxLength,
                           Duration recordSilence, String dialTemplate, Duration dialTimeout,
                           Path recordingsDirectory, ZoneId zone, String defaultOfficeDialCode,
                           Duration databaseTimeout, Duration databaseRetryAfter) {
        this(maxRetries, keyTimeout, digitTimeout, recordMaxLength, recordSilence, dialTemplate, dialTimeout,
                recordingsDirectory, zone, defaultOfficeDialCode, databaseTimeout, databaseRetryAfter, null);
    }

    /** The same settings with another cap on the leader chain. */
    public HotlineSettings withLeaderChainTimeout(Duration cap) {
        return new HotlineSettings(maxRetries, keyTimeout, digitTimeout, recordMaxLength, recordSilence, dialTemplate,
                dialTimeout, recordingsDirectory, zone, defaultOfficeDialCode, databaseTimeout, databaseRetryAfter, cap);
    }

    public static HotlineSettings defaults(Path recordingsDirectory) {
        return new HotlineSettings(3, Duration.ofSeconds(5), Duration.ofSeconds(8), Duration.ofSeconds(120),
                Duration.ofSeconds(5), "PJSIP/{number}@trunk", Duration.ofSeconds(30), recordingsDirectory,
                ZoneId.of("Asia/Ho_Chi_Minh"), null, Duration.ofSeconds(3), Duration.ofSeconds(2));
    }
}
