package vn.dancham.admin.citizen;

import vn.dancham.dossier.DossierStatus;

import java.time.Duration;
import java.time.Instant;

/**
 * What the public page shows of a dossier: what the hotline reads to a caller, and no person's name (not the
 * applicant's, and not an officer's: the page is open to anyone who holds the receipt and four digits).
 *
 * @param daysLate whole days past the due time, rounded up (one hour late is one day to the citizen waiting); 0
 *                 when on time
 */
record PublicFacts(String receipt, String procedureName, String receivingOfficeName, Instant receivedAt,
                   Instant dueAt, Instant returnedAt, String status, boolean late, long daysLate,
                   String stageName, String stageOfficeName, Instant stageSince, long stageDays,
                   String phoneEnding) {

    static PublicFacts of(DossierStatus s, Instant now) {
        long daysLate = 0;
        if (s.late() && s.dueAt() != null) {
            Duration over = Duration.between(s.dueAt(), s.returned() ? s.returnedAt() : now);
            long days = over.toDays();
            daysLate = over.minusDays(days).isPositive() ? days + 1 : days;
        }
        var stage = s.currentStage();
        String phone = s.applicantPhone();
        return new PublicFacts(s.receipt().digits(), s.procedureName(), s.receivingOfficeName(), s.receivedAt(),
                s.dueAt(), s.returnedAt(), s.status(), s.late(), daysLate,
                stage.map(DossierStatus.CurrentStage::stageName).orElse(null),
                stage.map(DossierStatus.CurrentStage::officeName).orElse(null),
                stage.map(DossierStatus.CurrentStage::startedAt).orElse(null),
                stage.map(c -> Duration.between(c.startedAt(), now).toDays()).orElse(0L),
                phone == null ? "" : phone.substring(Math.max(0, phone.length() - 4)));
    }

    public boolean returned() {
        return returnedAt != null;
    }

    public boolean hasStage() {
        return stageName != null;
    }
}
