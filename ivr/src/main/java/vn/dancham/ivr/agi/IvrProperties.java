package vn.dancham.ivr.agi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code dancham.ivr.*}: the FastAGI server and the hotline's call flow.
 *
 * @param enabled                     run the FastAGI server on this node (default true)
 * @param port                        FastAGI port (default 4573; 0 picks a free one, published as
 *                                    {@code local.fastagi.port})
 * @param bindAddress                 address to listen on (default all interfaces)
 * @param node                        this node's name in the call log (default the host name); a restarting node
 *                                    closes its own calls left open as INTERRUPTED
 * @param recordingsDirectory         where recordings are found by this application (default data/recordings)
 * @param asteriskRecordingsDirectory where Asterisk writes them, when Asterisk sees the shared directory under
 *                                    another path (default: the absolute recordings directory)
 * @param soundPrefix                 prefix of every prompt file as Asterisk knows it (default {@code dancham/},
 *                                    i.e. {@code sounds/vi/dancham/} with channel language vi)
 * @param dialTemplate                Asterisk Dial string for the leader on duty, with {@code {number}}
 * @param dialTimeout                 how long the leader's phone rings (default 30s)
 * @param maxRetries                  tries per question (default 3)
 * @param keyTimeout                  wait for a menu key (default 5s)
 * @param digitTimeout                wait for digits of a number (default 8s)
 * @param recordMaxLength             longest recording (default 120s)
 * @param recordSilence               silence that ends a recording (default 5s)
 * @param defaultOfficeDialCode       office whose leader answers calls that name none (default none: ask)
 * @param zone                        zone dates are spoken in (default Asia/Ho_Chi_Minh)
 * @param maxCalls                    calls served at once; more are refused at once (default 5000)
 * @param callThreads                 what runs a call: {@code mixed} (default: a platform thread for each of the
 *                                    first {@code platform-calls} calls at once, a virtual thread beyond),
 *                                    {@code platform} (a pooled platform thread for every call) or {@code virtual}
 *                                    (a virtual thread for every call); virtual threads need JDK 24+ (before it,
 *                                    platform); see {@link HotlineAgiServer.CallThreads}
 * @param platformCalls               with {@code call-threads: mixed}, how many calls at once run on platform
 *                                    threads (default 32; each held call's thread ~120 KiB)
 * @param requestTimeout              time allowed for the AGI environment after connecting (default 10s)
 * @param commandTimeout              longest wait for Asterisk's answer to one command, e.g. a Dial to the leader
 *                                    that turns into a long conversation (default 3h)
 * @param maxLineLength               longest line accepted from Asterisk (default 8192 bytes)
 * @param maxEnvironmentLines         most agi_* lines accepted (default 256)
 * @param staleCallsAfter             calls of other nodes still open after this are closed at startup
 * @param journalDirectory            this node's local journal of answers the database could not take during an
 *                                    outage (default data/journal); keep it on a local, durable disk
 * @param journalReplayInterval       how often the journal is replayed into the database (default 5s; also at
 *                                    startup)
 * @param journalMaxAttempts          replays of an answer the database refuses (not an outage) before it is set
 *                                    aside in {@code rejected.log} (default 3)
 * @param databaseTimeout             longest the hotline waits for the database to answer on an open connection
 *                                    before serving the caller without it: pgjdbc's {@code socketTimeout} of the
 *                                    hotline's pool (default 3s; whole seconds, rounded up)
 * @param databaseRetryAfter          while the database is down, how often a background probe looks for it
 *                                    (default 2s); callers never wait on it meanwhile
 * @param databaseConnectionTimeout   longest a caller waits for a connection of the hotline's pool (HikariCP's
 *                                    {@code connectionTimeout}, default 3s, at least 250ms;
 *                                    the callers of a busy node queue here)
 * @param databaseConnectTimeout      longest the hotline's pool waits to open and log in a new connection
 *                                    (pgjdbc's {@code connectTimeout} and {@code loginTimeout}, default 2s)
 * @param databaseStatementTimeout    PostgreSQL's {@code statement_timeout} for the hotline's statements (default
 *                                    2s; shorter than {@code database-timeout}, so that the server cancels a slow
 *                                    statement and the connection is kept)
 * @param databaseLockTimeout         PostgreSQL's {@code lock_timeout} for the hotline's statements (default 1s): a
 *                                    caller's answer never queues behind a long lock, it goes to the journal
 * @param databasePoolSize            connections of the hotline's pool (default 20)
 * @param leaderChainTimeout          longest the caller waits while the people on duty are rung level by level
 *                                    (default 90s; each level rings at most {@code dial-timeout})
 * @param recordingsGroup             the group Asterisk runs as (e.g. {@code asterisk}); the day directories of
 *                                    recordings are created in it, mode 2775, so that Asterisk as its own user can
 *                                    write there (default none: the recordings directory's own group, mode 2775)
 */
@ConfigurationProperties("dancham.ivr")
public record IvrProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4573") int port,
        @DefaultValue("0.0.0.0") String bindAddress,
        String node,
        @DefaultValue("data/recordings") String recordingsDirectory,
        String asteriskRecordingsDirectory,
        @DefaultValue("dancham/") String soundPrefix,
        @DefaultValue("PJSIP/{number}@trunk") String dialTemplate,
        @DefaultValue("30s") Duration dialTimeout,
        @DefaultValue("3") int maxRetries,
        @DefaultValue("5s") Duration keyTimeout,
        @DefaultValue("8s") Duration digitTimeout,
        @DefaultValue("120s") Duration recordMaxLength,
        @DefaultValue("5s") Duration recordSilence,
        String defaultOfficeDialCode,
        @DefaultValue("Asia/Ho_Chi_Minh") String zone,
        @DefaultValue("5000") int maxCalls,
        @DefaultValue("mixed") HotlineAgiServer.CallThreads callThreads,
        @DefaultValue("" + HotlineAgiServer.DEFAULT_PLATFORM_CALLS) int platformCalls,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("3h") Duration commandTimeout,
        @DefaultValue("8192") int maxLineLength,
        @DefaultValue("256") int maxEnvironmentLines,
        @DefaultValue("12h") Duration staleCallsAfter,
        @DefaultValue("data/journal") String journalDirectory,
        @DefaultValue("5s") Duration journalReplayInterval,
        @DefaultValue("3") int journalMaxAttempts,
        @DefaultValue("3s") Duration databaseTimeout,
        @DefaultValue("2s") Duration databaseRetryAfter,
        @DefaultValue("90s") Duration leaderChainTimeout,
        String recordingsGroup,
        @DefaultValue("3s") Duration databaseConnectionTimeout,
        @DefaultValue("2s") Duration databaseConnectTimeout,
        @DefaultValue("2s") Duration databaseStatementTimeout,
        @DefaultValue("1s") Duration databaseLockTimeout,
        @DefaultValue("20") int databasePoolSize) {

    public IvrProperties {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("dancham.ivr.port must be 0 to 65535: " + port);
        }
        if (maxCalls < 1) {
            throw new IllegalArgumentException("dancham.ivr.max-calls must be positive: " + maxCalls);
        }
        if (platformCalls < 1) {
            throw new IllegalArgumentException("dancham.ivr.platform-calls must be positive: " + platformCalls);
        }
        if (journalReplayInterval.isNegative() || journalReplayInterval.isZero()) {
            throw new IllegalArgumentException("dancham.ivr.journal-replay-interval must be positive: "
                    + journalReplayInterval);
        }
        if (journalMaxAttempts < 1) {
            throw new IllegalArgumentException("dancham.ivr.journal-max-attempts must be positive: "
                    + journalMaxAttempts);
        }
        if (databaseConnectionTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("dancham.ivr.database-connection-timeout must be at least 250ms: "
                    + databaseConnectionTimeout);
        }
        if (databaseTimeout.toMillis() < 1000 || databaseConnectTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("dancham.ivr.database-timeout and database-connect-timeout are whole "
                    + "seconds, at least 1s: " + databaseTimeout + ", " + databaseConnectTimeout);
        }
        if (databaseStatementTimeout.isNegative() || databaseStatementTimeout.isZero()
                || databaseStatementTimeout.compareTo(databaseTimeout) >= 0) {
            throw new IllegalArgumentException("dancham.ivr.database-statement-timeout must be positive and shorter "
                    + "than database-timeout (" + databaseTimeout + "): " + databaseStatementTimeout);
        }
        if (databaseLockTimeout.isNegative() || databaseLockTimeout.isZero()) {
            throw new IllegalArgumentException("dancham.ivr.database-lock-timeout must be positive: "
                    + databaseLockTimeout);
        }
        if (databasePoolSize < 1) {
            throw new IllegalArgumentException("dancham.ivr.database-pool-size must be positive: " + databasePoolSize);
        }
        if (soundPrefix != null && !soundPrefix.isEmpty() && !soundPrefix.endsWith("/")) {
            soundPrefix = soundPrefix + "/";
        }
    }
}
