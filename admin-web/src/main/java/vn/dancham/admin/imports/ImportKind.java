package vn.dancham.admin.imports;

import java.util.List;

/** What a CSV file holds, and its columns (required ones first). Order the imports as listed here. */
public enum ImportKind {
    UNITS(List.of("code", "level", "name"), List.of("parent_code")),
    OFFICES(List.of("code", "unit_code", "dial_code", "name", "kind"), List.of("active")),
    OFFICERS(List.of("code", "office_code", "full_name", "position"), List.of("phone", "active", "kind")),
    PROCEDURES(List.of("code", "field_code", "name", "legal_days"), List.of("field_name", "active")),
    DOSSIERS(List.of("receipt_no", "procedure_code", "receiving_office_code", "applicant_name", "received_at",
            "due_at", "status"), List.of("receiving_officer_code", "applicant_phone", "returned_at", "new_due_at")),
    STAGES(List.of("receipt_no", "seq", "office_code", "name", "started_at", "due_at"),
            List.of("officer_code", "finished_at"));

    private final List<String> required;
    private final List<String> optional;

    ImportKind(List<String> required, List<String> optional) {
        this.required = required;
        this.optional = optional;
    }

    public List<String> required() {
        return required;
    }

    public List<String> optional() {
        return optional;
    }

    public String header() {
        return String.join(",", required) + (optional.isEmpty() ? "" : "," + String.join(",", optional));
    }
}
