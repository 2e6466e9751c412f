package vn.dancham.admin.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.ZoneId;

/**
 * {@code dancham.web.*}: the admin web.
 *
 * @param maxFailedLogins         wrong passwords in a row before an account is locked (default 5)
 * @param lockDuration            how long a locked account stays locked (default 15 minutes)
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
        @DefaultValue("5") int maxFailedLogins,
        @DefaultValue("15m") Duration lockDuration,
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

    /** Whether recordings are deleted at all (a retention of 0 keeps them). */
    public boolean recordingsExpire() {
        return !recordingRetention.isZero();
    }
}
