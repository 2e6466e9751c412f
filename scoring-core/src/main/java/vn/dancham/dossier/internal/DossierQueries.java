package vn.dancham.dossier.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import vn.dancham.db.jooq.tables.Office;
import vn.dancham.db.jooq.tables.Officer;
import vn.dancham.dossier.DossierStatus;
import vn.dancham.dossier.DossierTimeline;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.DOSSIER_STAGE;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.OFFICER;
import static vn.dancham.db.jooq.Tables.PROCEDURE;

/** Dossier status and timeline over PostgreSQL: one indexed query, cheap enough for a caller waiting on the line. */
public final class DossierQueries implements Dossiers {

    private final DSLContext dsl;
    private final Clock clock;

    public DossierQueries(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public Optional<DossierStatus> status(ReceiptNumber receipt) {
        return timeline(receipt).map(DossierTimeline::status);
    }

    @Override
    public Optional<DossierTimeline> timeline(ReceiptNumber receipt) {
        // One statement: the dossier with its stages (one row per stage, the dossier's columns repeated; one row
        // with no stage when it has none), so a caller's lookup is one round trip.
        Office so = OFFICE.as("so");
        Officer sr = OFFICER.as("sr");
        List<Record> rows = dsl.select(DOSSIER.ID, DOSSIER.RECEIPT_NO, PROCEDURE.NAME, DOSSIER.RECEIVING_OFFICE_ID,
                        OFFICE.NAME, DOSSIER.RECEIVING_OFFICER_ID, DOSSIER.APPLICANT_PHONE, DOSSIER.RECEIVED_AT,
                        DOSSIER.DUE_AT, DOSSIER.RETURNED_AT, DOSSIER.STATUS,
                        DOSSIER_STAGE.ID, DOSSIER_STAGE.SEQ, DOSSIER_STAGE.NAME, DOSSIER_STAGE.OFFICE_ID, so.NAME,
                        DOSSIER_STAGE.OFFICER_ID, sr.FULL_NAME, DOSSIER_STAGE.STARTED_AT, DOSSIER_STAGE.DUE_AT,
                        DOSSIER_STAGE.FINISHED_AT)
                .from(DOSSIER)
                .join(PROCEDURE).on(PROCEDURE.ID.eq(DOSSIER.PROCEDURE_ID))
                .join(OFFICE).on(OFFICE.ID.eq(DOSSIER.RECEIVING_OFFICE_ID))
                .leftJoin(DOSSIER_STAGE.join(so).on(so.ID.eq(DOSSIER_STAGE.OFFICE_ID)))
                .on(DOSSIER_STAGE.DOSSIER_ID.eq(DOSSIER.ID))
                .leftJoin(sr).on(sr.ID.eq(DOSSIER_STAGE.OFFICER_ID))
                .where(DOSSIER.RECEIPT_NO.eq(receipt.digits()))
                .orderBy(DOSSIER_STAGE.SEQ)
                .fetch()
                .map(r -> (Record) r);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Record d = rows.getFirst();
        Instant at = clock.instant();
        long dossierId = d.get(DOSSIER.ID);
        List<DossierTimeline.Stage> stages = rows.stream()
                .filter(r -> r.get(DOSSIER_STAGE.ID) != null)
                .map(r -> TimelineCalculator.measure(new TimelineCalculator.RawStage(
                        r.get(DOSSIER_STAGE.ID), r.get(DOSSIER_STAGE.SEQ), r.get(DOSSIER_STAGE.NAME),
                        r.get(DOSSIER_STAGE.OFFICE_ID), r.get(so.NAME), r.get(DOSSIER_STAGE.OFFICER_ID),
                        r.get(sr.FULL_NAME), instant(r.get(DOSSIER_STAGE.STARTED_AT)),
                        instant(r.get(DOSSIER_STAGE.DUE_AT)), instant(r.get(DOSSIER_STAGE.FINISHED_AT))), at))
                .toList();

        Instant dueAt = instant(d.get(DOSSIER.DUE_AT));
        Instant returnedAt = instant(d.get(DOSSIER.RETURNED_AT));
        boolean late = TimelineCalculator.dossierLate(dueAt, returnedAt, at);
        Optional<DossierStatus.CurrentStage> current = TimelineCalculator.current(stages, returnedAt != null)
                .map(s -> new DossierStatus.CurrentStage(s.name(), s.officeId(), s.officeName(), s.officerId(),
                        s.officerName(), s.startedAt(), s.dueAt()));
        DossierStatus status = new DossierStatus(dossierId, new ReceiptNumber(d.get(DOSSIER.RECEIPT_NO)),
                d.get(PROCEDURE.NAME), d.get(DOSSIER.RECEIVING_OFFICE_ID), d.get(OFFICE.NAME),
                d.get(DOSSIER.RECEIVING_OFFICER_ID), d.get(DOSSIER.APPLICANT_PHONE),
                instant(d.get(DOSSIER.RECEIVED_AT)), dueAt, returnedAt, d.get(DOSSIER.STATUS), current, late);
        return Optional.of(new DossierTimeline(status, stages, TimelineCalculator.culprit(late, stages), at));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
