package vn.dancham.dossier;

import java.time.Instant;

/**
 * A dossier as the one-stop system (CSV import, REST push, demo loader) describes it. Referenced rows by their
 * codes. Deliberately not validated here: {@link DossierRegistry#upsert} answers every problem at once, by field
 * name (the names of these components), so an import can report each bad row and column.
 *
 * @param receivingOfficerCode null when the receiving officer is not known
 * @param applicantPhone       any common Vietnamese form; stored in national format; null when not given
 * @param returnedAt           set exactly when {@code status} is RETURNED
 * @param status               RECEIVED, IN_PROGRESS, SUPPLEMENT_REQUESTED, READY, RETURNED or WITHDRAWN
 * @param newDueAt             the new expected date the office gave when the dossier ran late (the date the
 *                             citizen's apology SMS and letter name, docs/citizen-sms.md); null when not given, which
 *                             keeps a date sent before
 */
public record DossierData(ReceiptNumber receipt, String procedureCode, String receivingOfficeCode,
                          String receivingOfficerCode, String applicantName, String applicantPhone,
                          Instant receivedAt, Instant dueAt, Instant returnedAt, String status, Instant newDueAt) {

    /** A dossier without a new expected date. */
    public DossierData(ReceiptNumber receipt, String procedureCode, String receivingOfficeCode,
                       String receivingOfficerCode, String applicantName, String applicantPhone,
                       Instant receivedAt, Instant dueAt, Instant returnedAt, String status) {
        this(receipt, procedureCode, receivingOfficeCode, receivingOfficerCode, applicantName, applicantPhone,
                receivedAt, dueAt, returnedAt, status, null);
    }
}
