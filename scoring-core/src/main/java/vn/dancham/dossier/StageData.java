package vn.dancham.dossier;

import java.time.Instant;

/**
 * One stage (khâu) of a dossier as the one-stop system describes it, keyed by the dossier's receipt number and the
 * stage's sequence number (1 = first). Validated by {@link DossierRegistry#upsertStage}, like {@link DossierData}.
 *
 * @param officerCode null when the stage is held by an office without a named officer
 * @param finishedAt  null while the stage holds the dossier
 */
public record StageData(ReceiptNumber receipt, int seq, String officeCode, String officerCode, String name,
                        Instant startedAt, Instant dueAt, Instant finishedAt) {
}
