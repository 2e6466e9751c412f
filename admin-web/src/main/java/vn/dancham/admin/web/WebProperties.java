package vn.dancham.admin.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;

/**
 * {@code dancham.web.*}: the admin web.
 *
 * @param login                   login throttling ({@code dancham.web.login.*}): wrong passwords per client address
 *                                and per typed username slow the next try down, never lock (docs/web.md "Security")
 * @param zone                    the time zone dates are shown in (default Asia/Ho_Chi_Minh)
 * @param createFirstAdministrator on a start with an empty user table, create {@code admin} with a random password
 *                                printed once to the log (default true)
 * @param maxImportBytes          the largest CSV file accepted by the import (default 5 MB)
 * @param recordingRetention      how long complaint recordings are kept, counted from the complaint; older ones are
 *                                deleted from the recordings directory by a scheduled job, the complaint keeps a
 *                                note and the audit log an entry (default 365 days; 0 keeps recordings for ever)
 * @param recordingRetentionCron  when that job runs, in {@code zone} (default 03:30 every night)
 */
@ConfigurationProperties("dancham.web")
public record WebProperties(
        @DefaultValue Login login,
        @DefaultValue("Asia/Ho_Chi_Minh") ZoneId zone,
        @DefaultValue("true") boolean createFirstAdministrator,
        @DefaultValue("5242880") long maxImportBytes,
        @DefaultValue("365d") Duration recordingRetention,
        @DefaultValue("0 30 3 * * ?") String recordingRetentionCron) {

    public WebProperties {
        if (recordingRetention.isNegative()) {
            throw new IllegalArgumentException("dancham.web.recording-retention must be 0 (keep) or more, was "
                    + recordingRetention);
        }
    }

    /**
     * {@code dancham.web.login.*}.
     *
     * @param freeFailures wrong passwords in a row (per client, per username) before tries are slowed (default 5)
     * @param firstDelay   the wait after that many; each further wrong password doubles it (default 1s)
     * @param maxDelay     the longest wait between two tries (default 15m)
     * @param forgetAfter  a count with no wrong password for this long starts again from nothing (default 1h)
     */
    public record Login(@DefaultValue("5") int freeFailures, @DefaultValue("1s") Duration firstDelay,
                        @DefaultValue("15m") Duration maxDelay, @DefaultValue("1h") Duration forgetAfter) {
    }

    /** Whether recordings are deleted at all (a retention of 0 keeps them). */
    public boolean recordingsExpire() {
        return !recordingRetention.isZero();
    }
}
