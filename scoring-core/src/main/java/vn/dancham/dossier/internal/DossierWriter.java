package vn.dancham.dossier.internal;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.phone.PhoneNumbers;
import vn.dancham.dossier.StageData;
import vn.dancham.dossier.UpsertResult;
import vn.dancham.dossier.UpsertResult.Outcome;
import vn.dancham.dossier.UpsertResult.Problem;
import vn.dancham.scoring.internal.Aggregates;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.DOSSIER_STAGE;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.OFFICER;
import static vn.dancham.db.jooq.Tables.PROCEDURE;
import static vn.dancham.db.jooq.Tables.RATING;

/**
 * Idempotent upserts of dossiers and stages. A stage's contribution to the stage aggregates is subtracted before
 * it changes and added back after, in the same transaction; a dossier whose procedure (and so field) changes moves
 * its stages' and ratings' field contributions the same way.
 */
public final class DossierWriter implements DossierRegistry {

    static final Set<String> STATUSES =
            Set.of("RECEIVED", "IN_PROGRESS", "SUPPLEMENT_REQUESTED", "READY", "RETURNED", "WITHDRAWN");

    private final DSLContext dsl;
    private final TransactionTemplate tx;
    private final Aggregates aggregates;

    public DossierWriter(DSLContext dsl, PlatformTransactionManager transactions, Aggregates aggregates) {
        this.dsl = dsl;
        this.tx = new TransactionTemplate(transactions);
        this.aggregates = aggregates;
    }

    @Override
    public UpsertResult upsert(DossierData data) {
        return tx.execute(status -> {
            List<Problem> problems = new ArrayList<>();
            if (data.receipt() == null) {
                problems.add(new Problem("receipt", "RECEIPT_MISSING"));
            }
            Long procedureId = lookup(problems, "procedureCode", data.procedureCode(), "PROCEDURE",
                    () -> dsl.select(PROCEDURE.ID).from(PROCEDURE).where(PROCEDURE.CODE.eq(data.procedureCode()))
                            .fetchOne(PROCEDURE.ID));
            Long officeId = lookup(problems, "receivingOfficeCode", data.receivingOfficeCode(), "OFFICE",
                    () -> officeByCode(data.receivingOfficeCode()));
            Long officerId = data.receivingOfficerCode() == null || data.receivingOfficerCode().isBlank() ? null
                    : lookup(problems, "receivingOfficerCode", data.receivingOfficerCode(), "OFFICER",
                    () -> officerByCode(data.receivingOfficerCode()));
            if (blank(data.applicantName())) {
                problems.add(new Problem("applicantName", "APPLICANT_NAME_MISSING"));
            }
            String phone = null;
            if (!blank(data.applicantPhone())) {
                phone = PhoneNumbers.normalise(data.applicantPhone()).filter(p -> p.startsWith("0")).orElse(null);
                if (phone == null) {
                    problems.add(new Problem("applicantPhone", "APPLICANT_PHONE_INVALID", data.applicantPhone()));
                }
            }
            Instant received = micros(data.receivedAt());
            Instant due = micros(data.dueAt());
            Instant returned = micros(data.returnedAt());
            Instant newDue = micros(data.newDueAt());
            required(problems, "receivedAt", received, "RECEIVED_AT_MISSING");
            required(problems, "dueAt", due, "DUE_AT_MISSING");
            if (received != null && due != null && due.isBefore(received)) {
                problems.add(new Problem("dueAt", "DUE_BEFORE_RECEIVED"));
            }
            if (data.status() == null || !STATUSES.contains(data.status())) {
                problems.add(new Problem("status", "STATUS_UNKNOWN", String.valueOf(data.status()),
                        String.join(", ", new java.util.TreeSet<>(STATUSES))));
            } else if ("RETURNED".equals(data.status()) != (returned != null)) {
                problems.add(new Problem("returnedAt", "RETURNED_AT_MATCHES_STATUS"));
            }
            if (returned != null && received != null && returned.isBefore(received)) {
                problems.add(new Problem("returnedAt", "RETURNED_BEFORE_RECEIVED"));
            }
            if (newDue != null && due != null && !newDue.isAfter(due)) {
                problems.add(new Problem("newDueAt", "NEW_DUE_NOT_AFTER_DUE"));
            }
            if (!problems.isEmpty()) {
                return UpsertResult.rejected(problems);
            }
            String receipt = data.receipt().digits();
            Record existing = lockDossier(receipt);
            if (existing == null) {
                Long id = dsl.insertInto(DOSSIER)
                        .set(DOSSIER.RECEIPT_NO, receipt)
                        .set(DOSSIER.PROCEDURE_ID, procedureId)
                        .set(DOSSIER.RECEIVING_OFFICE_ID, officeId)
                        .set(DOSSIER.RECEIVING_OFFICER_ID, officerId)
                        .set(DOSSIER.APPLICANT_NAME, data.applicantName().strip())
                        .set(DOSSIER.APPLICANT_PHONE, phone)
                        .set(DOSSIER.RECEIVED_AT, odt(received))
                        .set(DOSSIER.DUE_AT, odt(due))
                        .set(DOSSIER.RETURNED_AT, odt(returned))
                        .set(DOSSIER.STATUS, data.status())
                        .set(DOSSIER.NEW_DUE_AT, odt(newDue))
                        .onConflict(DOSSIER.RECEIPT_NO).doNothing()
                        .returning(DOSSIER.ID)
                        .fetchOptional(DOSSIER.ID).orElse(null);
                if (id != null) {
                    return UpsertResult.of(Outcome.CREATED, id);
                }
                existing = lockDossier(receipt); // a concurrent upsert created it first
            }
            long id = existing.get(DOSSIER.ID);
            boolean same = Objects.equals(existing.get(DOSSIER.PROCEDURE_ID), procedureId)
                    && Objects.equals(existing.get(DOSSIER.RECEIVING_OFFICE_ID), officeId)
                    && Objects.equals(existing.get(DOSSIER.RECEIVING_OFFICER_ID), officerId)
                    && Objects.equals(existing.get(DOSSIER.APPLICANT_NAME), data.applicantName().strip())
                    && Objects.equals(existing.get(DOSSIER.APPLICANT_PHONE), phone)
                    && Objects.equals(instant(existing.get(DOSSIER.RECEIVED_AT)), received)
                    && Objects.equals(instant(existing.get(DOSSIER.DUE_AT)), due)
                    && Objects.equals(instant(existing.get(DOSSIER.RETURNED_AT)), returned)
                    && Objects.equals(existing.get(DOSSIER.STATUS), data.status())
                    // No new date in the message keeps the one sent before (a system that never sends it).
                    && (newDue == null || Objects.equals(instant(existing.get(DOSSIER.NEW_DUE_AT)), newDue));
            if (same) {
                return UpsertResult.of(Outcome.UNCHANGED, id);
            }
            boolean procedureChanged = !Objects.equals(existing.get(DOSSIER.PROCEDURE_ID), procedureId);
            List<Long> stageIds = List.of();
            List<Long> ratingIds = List.of();
            if (procedureChanged) {
                // The field of procedures changes: move this dossier's contributions to the new field.
                stageIds = dsl.select(DOSSIER_STAGE.ID).from(DOSSIER_STAGE)
                        .where(DOSSIER_STAGE.DOSSIER_ID.eq(id)).fetch(DOSSIER_STAGE.ID);
                ratingIds = dsl.select(RATING.ID).from(RATING)
                        .where(RATING.DOSSIER_ID.eq(id), RATING.STATUS.eq("COUNTED")).fetch(RATING.ID);
                aggregates.applyStages(stageIds, -1);
                aggregates.applyRatings(ratingIds, -1);
            }
            dsl.update(DOSSIER)
                    .set(DOSSIER.PROCEDURE_ID, procedureId)
                    .set(DOSSIER.RECEIVING_OFFICE_ID, officeId)
                    .set(DOSSIER.RECEIVING_OFFICER_ID, officerId)
                    .set(DOSSIER.APPLICANT_NAME, data.applicantName().strip())
                    .set(DOSSIER.APPLICANT_PHONE, phone)
                    .set(DOSSIER.RECEIVED_AT, odt(received))
                    .set(DOSSIER.DUE_AT, odt(due))
                    .set(DOSSIER.RETURNED_AT, odt(returned))
                    .set(DOSSIER.STATUS, data.status())
                    .set(DOSSIER.NEW_DUE_AT, newDue != null ? odt(newDue) : existing.get(DOSSIER.NEW_DUE_AT))
                    .set(DOSSIER.UPDATED_AT, OffsetDateTime.now(ZoneOffset.UTC))
                    .where(DOSSIER.ID.eq(id))
                    .execute();
            if (procedureChanged) {
                aggregates.applyStages(stageIds, 1);
                aggregates.applyRatings(ratingIds, 1);
            }
            aggregates.dossierStatusChanged(id, existing.get(DOSSIER.STATUS), data.status());
            return UpsertResult.of(Outcome.UPDATED, id);
        });
    }

    @Override
    public UpsertResult upsertStage(StageData data) {
        return tx.execute(status -> {
            List<Problem> problems = new ArrayList<>();
            Record dossier = null;
            if (data.receipt() == null) {
                problems.add(new Problem("receipt", "RECEIPT_MISSING"));
            } else {
                dossier = lockDossier(data.receipt().digits());
                if (dossier == null) {
                    problems.add(new Problem("receipt", "DOSSIER_UNKNOWN", data.receipt().digits()));
                }
            }
            if (data.seq() < 1) {
                problems.add(new Problem("seq", "STAGE_SEQ_BELOW_ONE"));
            }
            Long officeId = lookup(problems, "officeCode", data.officeCode(), "OFFICE",
                    () -> officeByCode(data.officeCode()));
            Long officerId = blank(data.officerCode()) ? null
                    : lookup(problems, "officerCode", data.officerCode(), "OFFICER",
                    () -> officerByCode(data.officerCode()));
            if (blank(data.name())) {
                problems.add(new Problem("name", "STAGE_NAME_MISSING"));
            }
            Instant started = micros(data.startedAt());
            Instant due = micros(data.dueAt());
            Instant finished = micros(data.finishedAt());
            required(problems, "startedAt", started, "STARTED_AT_MISSING");
            required(problems, "dueAt", due, "STAGE_DUE_AT_MISSING");
            if (started != null && due != null && due.isBefore(started)) {
                problems.add(new Problem("dueAt", "STAGE_DUE_BEFORE_START"));
            }
            if (started != null && finished != null && finished.isBefore(started)) {
                problems.add(new Problem("finishedAt", "FINISHED_BEFORE_START"));
            }
            if (!problems.isEmpty()) {
                return UpsertResult.rejected(problems);
            }
            long dossierId = dossier.get(DOSSIER.ID);
            Record existing = dsl.select(DOSSIER_STAGE.ID, DOSSIER_STAGE.OFFICE_ID, DOSSIER_STAGE.OFFICER_ID,
                            DOSSIER_STAGE.NAME, DOSSIER_STAGE.STARTED_AT, DOSSIER_STAGE.DUE_AT,
                            DOSSIER_STAGE.FINISHED_AT)
                    .from(DOSSIER_STAGE)
                    .where(DOSSIER_STAGE.DOSSIER_ID.eq(dossierId), DOSSIER_STAGE.SEQ.eq(data.seq()))
                    .forUpdate()
                    .fetchOne();
            String name = data.name().strip();
            if (existing == null) {
                long id = dsl.insertInto(DOSSIER_STAGE)
                        .set(DOSSIER_STAGE.DOSSIER_ID, dossierId)
                        .set(DOSSIER_STAGE.SEQ, data.seq())
                        .set(DOSSIER_STAGE.OFFICE_ID, officeId)
                        .set(DOSSIER_STAGE.OFFICER_ID, officerId)
                        .set(DOSSIER_STAGE.NAME, name)
                        .set(DOSSIER_STAGE.STARTED_AT, odt(started))
                        .set(DOSSIER_STAGE.DUE_AT, odt(due))
                        .set(DOSSIER_STAGE.FINISHED_AT, odt(finished))
                        .returning(DOSSIER_STAGE.ID)
                        .fetchOne(DOSSIER_STAGE.ID);
                aggregates.applyStages(List.of(id), 1);
                return UpsertResult.of(Outcome.CREATED, id);
            }
            long id = existing.get(DOSSIER_STAGE.ID);
            boolean same = Objects.equals(existing.get(DOSSIER_STAGE.OFFICE_ID), officeId)
                    && Objects.equals(existing.get(DOSSIER_STAGE.OFFICER_ID), officerId)
                    && Objects.equals(existing.get(DOSSIER_STAGE.NAME), name)
                    && Objects.equals(instant(existing.get(DOSSIER_STAGE.STARTED_AT)), started)
                    && Objects.equals(instant(existing.get(DOSSIER_STAGE.DUE_AT)), due)
                    && Objects.equals(instant(existing.get(DOSSIER_STAGE.FINISHED_AT)), finished);
            if (same) {
                return UpsertResult.of(Outcome.UNCHANGED, id);
            }
            aggregates.applyStages(List.of(id), -1);
            dsl.update(DOSSIER_STAGE)
                    .set(DOSSIER_STAGE.OFFICE_ID, officeId)
                    .set(DOSSIER_STAGE.OFFICER_ID, officerId)
                    .set(DOSSIER_STAGE.NAME, name)
                    .set(DOSSIER_STAGE.STARTED_AT, odt(started))
                    .set(DOSSIER_STAGE.DUE_AT, odt(due))
                    .set(DOSSIER_STAGE.FINISHED_AT, odt(finished))
                    .where(DOSSIER_STAGE.ID.eq(id))
                    .execute();
            aggregates.applyStages(List.of(id), 1);
            return UpsertResult.of(Outcome.UPDATED, id);
        });
    }

    private Record lockDossier(String receipt) {
        return dsl.select(DOSSIER.ID, DOSSIER.PROCEDURE_ID, DOSSIER.RECEIVING_OFFICE_ID, DOSSIER.RECEIVING_OFFICER_ID,
                        DOSSIER.APPLICANT_NAME, DOSSIER.APPLICANT_PHONE, DOSSIER.RECEIVED_AT, DOSSIER.DUE_AT,
                        DOSSIER.RETURNED_AT, DOSSIER.STATUS, DOSSIER.NEW_DUE_AT)
                .from(DOSSIER).where(DOSSIER.RECEIPT_NO.eq(receipt)).forUpdate().fetchOne();
    }

    private Long officeByCode(String code) {
        return dsl.select(OFFICE.ID).from(OFFICE).where(OFFICE.CODE.eq(code.strip())).fetchOne(OFFICE.ID);
    }

    private Long officerByCode(String code) {
        return dsl.select(OFFICER.ID).from(OFFICER).where(OFFICER.CODE.eq(code.strip())).fetchOne(OFFICER.ID);
    }

    /** Looks a code up; {@code what} names the thing in the problem codes: {@code <what>_CODE_MISSING}, {@code <what>_UNKNOWN}. */
    private static Long lookup(List<Problem> problems, String field, String code, String what,
                               java.util.function.Supplier<Long> query) {
        if (blank(code)) {
            problems.add(new Problem(field, what + "_CODE_MISSING"));
            return null;
        }
        Long id = query.get();
        if (id == null) {
            problems.add(new Problem(field, what + "_UNKNOWN", code));
        }
        return id;
    }

    private static void required(List<Problem> problems, String field, Instant value, String code) {
        if (value == null) {
            problems.add(new Problem(field, code));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** PostgreSQL keeps microseconds: compare and store at that precision so a re-sent value is "unchanged". */
    private static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime odt(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
