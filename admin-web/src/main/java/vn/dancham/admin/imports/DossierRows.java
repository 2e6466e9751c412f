package vn.dancham.admin.imports;

import org.springframework.stereotype.Component;
import vn.dancham.dossier.DossierData;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.dossier.StageData;
import vn.dancham.dossier.UpsertResult;

import java.time.Instant;
import java.util.Map;

/** Dossier and stage rows of the CSV import, written through the scoring core's idempotent registry. */
@Component
class DossierRows {

    /** The registry's field names → this file's column names, so its problems point at the right column. */
    private static final Map<String, String> DOSSIER_COLUMNS = Map.ofEntries(
            Map.entry("receipt", "receipt_no"), Map.entry("procedureCode", "procedure_code"),
            Map.entry("receivingOfficeCode", "receiving_office_code"),
            Map.entry("receivingOfficerCode", "receiving_officer_code"),
            Map.entry("applicantName", "applicant_name"), Map.entry("applicantPhone", "applicant_phone"),
            Map.entry("receivedAt", "received_at"), Map.entry("dueAt", "due_at"),
            Map.entry("returnedAt", "returned_at"), Map.entry("status", "status"),
            Map.entry("newDueAt", "new_due_at"));
    private static final Map<String, String> STAGE_COLUMNS = Map.ofEntries(
            Map.entry("receipt", "receipt_no"), Map.entry("seq", "seq"), Map.entry("officeCode", "office_code"),
            Map.entry("officerCode", "officer_code"), Map.entry("name", "name"),
            Map.entry("startedAt", "started_at"), Map.entry("dueAt", "due_at"), Map.entry("finishedAt", "finished_at"));

    private final DossierRegistry registry;

    DossierRows(DossierRegistry registry) {
        this.registry = registry;
    }

    CsvImporter.Change dossier(CsvParser.Row row, Cells cells, CsvImporter.FileState state) {
        ReceiptNumber receipt = receipt(cells);
        String procedure = cells.required("procedure_code", 50);
        String office = cells.required("receiving_office_code", 50);
        String officer = cells.optional("receiving_officer_code", 50);
        String name = cells.required("applicant_name", 200);
        String phone = cells.optional("applicant_phone", 30);
        Instant received = cells.instant("received_at", true);
        Instant due = cells.instant("due_at", true);
        Instant returned = cells.instant("returned_at", false);
        Instant newDue = cells.instant("new_due_at", false);
        String status = cells.required("status", 30);
        CsvImporter.duplicate(cells, state.keys, "receipt_no", receipt == null ? null : receipt.digits(), row.number());
        if (!cells.ok()) {
            return CsvImporter.Change.REJECTED;
        }
        UpsertResult result = registry.upsert(new DossierData(receipt, procedure, office, officer, name, phone,
                received, due, returned, status == null ? null : status.toUpperCase(java.util.Locale.ROOT), newDue));
        return outcome(result, cells, DOSSIER_COLUMNS);
    }

    CsvImporter.Change stage(CsvParser.Row row, Cells cells, CsvImporter.FileState state) {
        ReceiptNumber receipt = receipt(cells);
        Integer seq = cells.integer("seq", 1, 1000);
        String office = cells.required("office_code", 50);
        String officer = cells.optional("officer_code", 50);
        String name = cells.required("name", 200);
        Instant started = cells.instant("started_at", true);
        Instant due = cells.instant("due_at", true);
        Instant finished = cells.instant("finished_at", false);
        CsvImporter.duplicate(cells, state.keys, "seq", receipt == null || seq == null ? null : receipt.digits() + "#" + seq,
                row.number());
        if (!cells.ok()) {
            return CsvImporter.Change.REJECTED;
        }
        UpsertResult result = registry.upsertStage(new StageData(receipt, seq, office, officer, name, started, due, finished));
        return outcome(result, cells, STAGE_COLUMNS);
    }

    private static ReceiptNumber receipt(Cells cells) {
        String raw = cells.required("receipt_no", 40);
        if (raw == null) {
            return null;
        }
        ReceiptNumber receipt = ReceiptNumber.parse(raw);
        if (receipt == null) {
            cells.problem("receipt_no", "receipt");
        }
        return receipt;
    }

    private static CsvImporter.Change outcome(UpsertResult result, Cells cells, Map<String, String> columns) {
        if (!result.accepted()) {
            for (UpsertResult.Problem p : result.problems()) {
                cells.problemWithKey(columns.getOrDefault(p.field(), p.field()), "dossier.problem." + p.code(), p.args());
            }
            return CsvImporter.Change.REJECTED;
        }
        return CsvImporter.Change.valueOf(result.outcome().name());
    }
}
