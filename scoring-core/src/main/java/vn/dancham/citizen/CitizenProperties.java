package vn.dancham.citizen;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.LocalTime;

/**
 * {@code dancham.citizen.*}: the public pages citizens use without an account (dossier look-up and web rating).
 *
 * @param codeTtl                 how long a one-time SMS code can be used (default 10 minutes)
 * @param codeMaxTries            wrong codes typed before a code is dead (default 5)
 * @param codeWindow              the window the code limits below count in (default 1 hour)
 * @param codesPerPhone           codes sent to one phone within {@code codeWindow} (default 3): nobody's phone is
 *                                flooded through our SMS account
 * @param codesPerClient          codes one client (address) may ask for within {@code codeWindow} (default 10)
 * @param lookupWindow            the window the look-up limits count in (default 10 minutes)
 * @param lookupsPerClient        look-ups one client may make within {@code lookupWindow} (default 30)
 * @param failedLookupsPerReceipt wrong phone digits for one receipt number within {@code lookupWindow}, from any
 *                                client, before that receipt answers nothing more (default 10): 4 digits are
 *                                10,000 guesses, spread over many addresses they are still one receipt's
 * @param sms                     the SMS to and from citizens ({@code dancham.citizen.sms.*})
 */
@ConfigurationProperties("dancham.citizen")
public record CitizenProperties(
        @DefaultValue("10m") Duration codeTtl,
        @DefaultValue("5") int codeMaxTries,
        @DefaultValue("1h") Duration codeWindow,
        @DefaultValue("3") int codesPerPhone,
        @DefaultValue("10") int codesPerClient,
        @DefaultValue("10m") Duration lookupWindow,
        @DefaultValue("30") int lookupsPerClient,
        @DefaultValue("10") int failedLookupsPerReceipt,
        @DefaultValue Sms sms) {

    public CitizenProperties {
        if (!codeTtl.isPositive() || !codeWindow.isPositive() || !lookupWindow.isPositive()) {
            throw new IllegalArgumentException("dancham.citizen durations must be positive");
        }
        if (codeMaxTries < 1 || codesPerPhone < 1 || codesPerClient < 1 || lookupsPerClient < 1
                || failedLookupsPerReceipt < 1) {
            throw new IllegalArgumentException("dancham.citizen limits must be at least 1");
        }
        if (sms == null) {
            sms = Sms.defaults();
        }
    }

    /** The defaults, for tests and tools without Spring. */
    public static CitizenProperties defaults() {
        return new CitizenProperties(Duration.ofMinutes(10), 5, Duration.ofHours(1), 3, 10, Duration.ofMinutes(10),
                30, 10, Sms.defaults());
    }

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
    public record Sms(
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

        public Sms {
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
        public static Sms defaults() {
            return new Sms(true, Duration.ofMinutes(1), LocalTime.of(8, 0), LocalTime.of(20, 0),
                    Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(14), 4, 1, "1022");
        }
    }
}
