package vn.dancham.citizen;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

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
        @DefaultValue("10") int failedLookupsPerReceipt) {

    public CitizenProperties {
        if (!codeTtl.isPositive() || !codeWindow.isPositive() || !lookupWindow.isPositive()) {
            throw new IllegalArgumentException("dancham.citizen durations must be positive");
        }
        if (codeMaxTries < 1 || codesPerPhone < 1 || codesPerClient < 1 || lookupsPerClient < 1
                || failedLookupsPerReceipt < 1) {
            throw new IllegalArgumentException("dancham.citizen limits must be at least 1");
        }
    }

    /** The defaults, for tests and tools without Spring. */
    public static CitizenProperties defaults() {
        return new CitizenProperties(Duration.ofMinutes(10), 5, Duration.ofHours(1), 3, 10, Duration.ofMinutes(10),
                30, 10);
    }
}
