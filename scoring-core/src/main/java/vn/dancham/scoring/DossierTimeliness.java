package vn.dancham.scoring;

import java.math.BigDecimal;

/**
 * Whole dossiers, the way Decision 766 / SIPAS report them, beside the stage figure: of the dossiers returned in the
 * period plus those overdue and still not returned at its end, how many were returned on time; and how many of the
 * returned ones came back early (on a day before their due day). Counted for the office that received the dossier
 * (the one-stop counter returns it), the units above it and the procedure's field; for an officer, the dossiers
 * they received at the counter.
 *
 * @param returned       dossiers returned in the period
 * @param returnedOnTime of those, returned by their due time (plus the late grace)
 * @param returnedEarly  of those, returned on a local day before their due day
 * @param overdueOpen    dossiers not returned at the period's end (or now, if sooner) although due before it, less
 *                       the withdrawn ones and those waiting for the citizen's supplement
 * @param onTimeRate     returnedOnTime / (returned + overdueOpen), %, with its Wilson interval
 * @param earlyShare     returnedEarly / returned, %, with its Wilson interval
 */
public record DossierTimeliness(Subject subject, Period period, int returned, int returnedOnTime, int returnedEarly,
                                int overdueOpen, Measure onTimeRate, Measure earlyShare) {

    public DossierTimeliness {
        if (returnedOnTime > returned || returnedEarly > returnedOnTime || overdueOpen < 0) {
            throw new IllegalArgumentException("inconsistent dossier counts: " + returned + "/" + returnedOnTime
                    + "/" + returnedEarly + "/" + overdueOpen);
        }
    }

    /** The share of dossiers late, for a sentence such as "3 of 40 dossiers late". */
    public int late() {
        return returned - returnedOnTime + overdueOpen;
    }

    /** Early share as a plain number, or null without returned dossiers. */
    public BigDecimal earlyPercent() {
        return earlyShare.value();
    }
}
