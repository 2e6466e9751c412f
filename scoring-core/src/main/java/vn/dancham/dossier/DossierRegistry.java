package vn.dancham.dossier;

/**
 * Writing dossiers and their stages, for the CSV import, the REST push and the demo loader. Both operations are
 * idempotent upserts (by receipt number; by receipt number and stage sequence): sending the same data twice
 * changes nothing the second time and answers {@code UNCHANGED}. Each runs in the caller's transaction when there
 * is one (so an import can roll back a whole file), else in its own. The stage-timing aggregates the scores read
 * are maintained in the same transaction.
 */
public interface DossierRegistry {

    UpsertResult upsert(DossierData dossier);

    /** The dossier must exist (upsert it first). */
    UpsertResult upsertStage(StageData stage);
}
