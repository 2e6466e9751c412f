package vn.dancham.citizen;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.LocalTime;

/**
 * Settings of the SMS to and from citizens ({@code dancham.citizen.sms.*}). Time zone, diacritics and the outbox's
 * retries are escalation's ({@code dancham.escalation.zone}, {@code .strip-diacritics}): one outbox, one way of
 * writing an SMS. The texts themselves are edited at /admin/settings.
 *
 * @param schedulerEnabled   run the sweep that sends apologies and invitations on this node (default true)
 * @param sweepInterval      how often late and returned dossiers are looked for (default 1m)
 * @param sendFrom           apologies and invitations go from this local time (default 08:00) …
 * @param sendUntil          … until this local time (default 20:00); outside, they wait for the next morning
 * @param inviteWithin       a dossier returned longer ago than this gets no invitation (default 3 days: a late
 *                           invitation is noise, and the first start must not text every dossier ever returned)
 * @param apologyWithin      a dossier whose due time passed longer ago than this gets no apology (default 7 days)
 * @param answerWithin       a reply counts for the last invitation sent to the number within this (default 14 days)
 * @param dailyLimitPerNumber at most this many SMS to one citizen's number per local day (default 4)
 * @param maxSegments        a citizen SMS is kept within this many segments (default 1); a template that cannot be
 *                           is refused at /admin/settings
 * @param hotlineNumber      the hotline's number the texts name (default 1022)
 */
@ConfigurationProperties("dancham.citizen.sms")
public record CitizenSmsProperties(
        @DefaultValue("true") boolean schedulerEnabled,
        @DefaultValue("1m") Duration sweepInterval,
        @DefaultValue("08:00") LocalTime sendFrom,
        @DefaultValue("20:00") LocalTime sendUntil,
        @DefaultValue("3d") Duration inviteWithin,
        @DefaultValue("7d") Duration apologyWithin,
        @DefaultValue("14d") Duration answerWithin,
        @DefaultValue("4") int dailyLimitPerNumber,
        @DefaultValue("1") int maxSegments,
        @DefaultValue("1022") String hotlineNumber) {

    public CitizenSmsProperties {
        if (!sendFrom.isBefore(sendUntil)) {
            throw new IllegalArgumentException("dancham.citizen.sms.send-from must be before send-until");
        }
        if (dailyLimitPerNumber < 1) {
            throw new IllegalArgumentException("dancham.citizen.sms.daily-limit-per-number must be >= 1");
        }
        if (maxSegments < 1 || maxSegments > 10) {
            throw new IllegalArgumentException("dancham.citizen.sms.max-segments must be 1..10, was " + maxSegments);
        }
        if (hotlineNumber == null || hotlineNumber.isBlank()) {
            throw new IllegalArgumentException("dancham.citizen.sms.hotline-number must be set");
        }
    }

    /** The defaults, for tests without Spring. */
    public static CitizenSmsProperties defaults() {
        return new CitizenSmsProperties(true, Duration.ofMinutes(1), LocalTime.of(8, 0), LocalTime.of(20, 0),
                Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(14), 4, 1, "1022");
    }
}
