package vn.dancham.dossier.internal;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.dancham.db.HotSql;
import vn.dancham.db.jooq.tables.Office;
import vn.dancham.db.jooq.tables.Officer;
import vn.dancham.dossier.DossierStatus;
import vn.dancham.dossier.DossierTimeline;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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
    private final String timelineSql;

    public DossierQueries(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.timelineSql = timelineSql(dsl);
    }

    @Override
    public Optional<DossierStatus> status(ReceiptNumber receipt) {
        return timeline(receipt).map(DossierTimeline::status);
    }

    @Override
    public Optional<DossierTimeline> timeline(ReceiptNumber receipt) {
        // One statement: the dossier with its stages (one row per stage, the dossier's columns repeated; one row
        // with no stage when it has none), so a caller's lookup is one round trip. Its text was rendered when this
        // class was made: a caller's lookup only binds the receipt number (HotSql).
        List<Row> rows = HotSql.query(dsl, timelineSql, DossierQueries::rows, receipt.digits());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Row d = rows.getFirst();
        Instant at = clock.instant();
        List<DossierTimeline.Stage> stages = rows.stream()
                .filter(r -> r.stage() != null)
                .map(r -> TimelineCalculator.measure(r.stage(), at))
                .toList();

        Instant dueAt = d.dueAt();
        Instant returnedAt = d.returnedAt();
        boolean late = TimelineCalculator.dossierLate(dueAt, returnedAt, at);
        Optional<DossierStatus.CurrentStage> current = TimelineCalculator.current(stages, returnedAt != null)
                .map(s -> new DossierStatus.CurrentStage(s.name(), s.officeId(), s.officeName(), s.officerId(),
                        s.officerName(), s.startedAt(), s.dueAt()));
        DossierStatus status = new DossierStatus(d.dossierId(), new ReceiptNumber(d.receiptNo()),
                d.procedureName(), d.receivingOfficeId(), d.receivingOfficeName(), d.receivingOfficerId(),
                d.applicantPhone(), d.receivedAt(), dueAt, returnedAt, d.status(), current, late);
        return Optional.of(new DossierTimeline(status, stages, TimelineCalculator.culprit(late, stages), at));
    }

    /**
     * The lookup, written with jOOQ's DSL (so a renamed column fails the build) and rendered once; its one
     * parameter is the receipt number. The columns are read by position in this order by {@link #rows}.
     */
    private static String timelineSql(DSLContext dsl) {
        Office so = OFFICE.as("so");
        Officer sr = OFFICER.as("sr");
        return dsl.render(dsl.select(DOSSIER.ID, DOSSIER.RECEIPT_NO, PROCEDURE.NAME, DOSSIER.RECEIVING_OFFICE_ID,
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
                .where(DOSSIER.RECEIPT_NO.eq(DSL.val("", DOSSIER.RECEIPT_NO)))
                .orderBy(DOSSIER_STAGE.SEQ));
    }

    /** One row of the lookup: the dossier's columns, and its stage when it has one. */
    private record Row(long dossierId, String receiptNo, String procedureName, long receivingOfficeId,
                       String receivingOfficeName, Long receivingOfficerId, String applicantPhone, Instant receivedAt,
                       Instant dueAt, Instant returnedAt, String status, TimelineCalculator.RawStage stage) {
    }

    private static List<Row> rows(ResultSet rs) throws SQLException {
        List<Row> rows = new ArrayList<>(4);
        while (rs.next()) {
            long stageId = rs.getLong(12);
            TimelineCalculator.RawStage stage = rs.wasNull() ? null : new TimelineCalculator.RawStage(stageId,
                    rs.getInt(13), rs.getString(14), rs.getLong(15), rs.getString(16), longOrNull(rs, 17),
                    rs.getString(18), instant(rs, 19), instant(rs, 20), instant(rs, 21));
            rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                    longOrNull(rs, 6), rs.getString(7), instant(rs, 8), instant(rs, 9), instant(rs, 10),
                    rs.getString(11), stage));
        }
        return rows;
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
