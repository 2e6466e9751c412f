package vn.dancham.admin.imports;

import vn.dancham.text.StoredText;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.organisation.AdminUnit;
import vn.dancham.organisation.Office;
import vn.dancham.organisation.Officer;
import vn.dancham.organisation.Organisation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Imports a CSV file of one {@link ImportKind} in one transaction: every row is checked and written; if any row is
 * bad, the whole file is rolled back and every problem is reported (row, column, reason). Writes are upserts by
 * code (receipt number and stage for dossiers), so importing the same file again changes nothing.
 */
@Service
public class CsvImporter {

    /** Writes one checked row; answers what it changed. Problems go into the cells. */
    interface RowWriter {
        Change write(CsvParser.Row row, Cells cells, FileState state);
    }

    enum Change { CREATED, UPDATED, UNCHANGED, REJECTED }

    /** What earlier rows of the same file used, to catch duplicates inside one file. */
    static final class FileState {
        final Map<String, Integer> keys = new HashMap<>();
        final Map<String, Integer> dialCodes = new HashMap<>();

        /** Remembers the key; returns the earlier row that had it, or null. */
        Integer firstRowWith(Map<String, Integer> seen, String key, int row) {
            return key == null ? null : seen.putIfAbsent(key, row);
        }
    }

    private final Organisation organisation;
    private final Procedures procedures;
    private final DossierRows dossierRows;
    private final AuditLog auditLog;
    private final WebProperties properties;
    private final TransactionTemplate fileTransaction;
    private final TransactionTemplate rowSavepoint;

    public CsvImporter(Organisation organisation, Procedures procedures, DossierRows dossierRows, AuditLog auditLog,
                       WebProperties properties, PlatformTransactionManager transactionManager) {
        this.organisation = organisation;
        this.procedures = procedures;
        this.dossierRows = dossierRows;
        this.auditLog = auditLog;
        this.properties = properties;
        this.fileTransaction = new TransactionTemplate(transactionManager);
        this.rowSavepoint = new TransactionTemplate(transactionManager);
        this.rowSavepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    public ImportReport importFile(ImportKind kind, String fileName, byte[] content) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            return fileProblem(kind, fileName, "notUtf8");
        }
        CsvParser.Parsed parsed = CsvParser.parse(text);
        if (!parsed.ok()) {
            return new ImportReport(kind, fileName, 0, 0, 0, 0,
                    List.of(new ImportProblem(parsed.errorRow(), null, "imports.problem." + parsed.error(), List.of())));
        }
        List<ImportProblem> headerProblems = new ArrayList<>();
        for (String column : kind.required()) {
            if (!parsed.columns().contains(column)) {
                headerProblems.add(new ImportProblem(1, column, "imports.problem.columnMissing", List.of()));
            }
        }
        for (String column : parsed.columns()) {
            if (!kind.required().contains(column) && !kind.optional().contains(column)) {
                headerProblems.add(new ImportProblem(1, column, "imports.problem.columnUnknown",
                        List.of(kind.header())));
            }
        }
        if (!headerProblems.isEmpty()) {
            return new ImportReport(kind, fileName, parsed.rows().size(), 0, 0, 0, headerProblems);
        }
        if (parsed.rows().isEmpty()) {
            return fileProblem(kind, fileName, "noRows");
        }
        RowWriter writer = writer(kind);
        ImportReport report = fileTransaction.execute(tx -> {
            List<ImportProblem> problems = new ArrayList<>();
            int[] counts = new int[3];
            FileState state = new FileState();
            for (CsvParser.Row row : parsed.rows()) {
                Cells cells = new Cells(row, properties.zone());
                if (row.columnCount() != parsed.columns().size()) {
                    cells.problem(null, "columnCount", row.columnCount(), parsed.columns().size());
                    problems.addAll(cells.problems());
                    continue;
                }
                Change change;
                try {
                    change = rowSavepoint.execute(rowTx -> {
                        Change c = writer.write(row, cells, state);
                        if (c == Change.REJECTED || !cells.ok()) {
                            rowTx.setRollbackOnly();
                            return Change.REJECTED;
                        }
                        return c;
                    });
                } catch (DataAccessException e) {
                    // The savepoint is rolled back; the file goes on being checked so every bad row is reported.
                    cells.problem(null, "database", rootMessage(e));
                    change = Change.REJECTED;
                }
                problems.addAll(cells.problems());
                if (change != Change.REJECTED) {
                    counts[change.ordinal()]++;
                }
            }
            if (!problems.isEmpty()) {
                tx.setRollbackOnly();
            } else {
                auditLog.recordText("IMPORT_" + kind.name(), "FILE", fileName, StoredText.of("audit.text.import",
                        parsed.rows().size(), counts[0], counts[1], counts[2]));
            }
            return new ImportReport(kind, fileName, parsed.rows().size(), counts[0], counts[1], counts[2], problems);
        });
        return Objects.requireNonNull(report);
    }

    private static ImportReport fileProblem(ImportKind kind, String fileName, String what) {
        return new ImportReport(kind, fileName, 0, 0, 0, 0,
                List.of(new ImportProblem(0, null, "imports.problem." + what, List.of())));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline) : message;
    }

    private RowWriter writer(ImportKind kind) {
        return switch (kind) {
            case UNITS -> this::unit;
            case OFFICES -> this::office;
            case OFFICERS -> this::officer;
            case PROCEDURES -> this::procedure;
            case DOSSIERS -> dossierRows::dossier;
            case STAGES -> dossierRows::stage;
        };
    }

    private static final String CODE = "[A-Za-z0-9._-]{1,50}";
    /** {@code imports.expect.code}: what a code looks like, named in the problem when one does not. */
    private static final String CODE_FORM = "code";

    private Change unit(CsvParser.Row row, Cells cells, FileState state) {
        String code = cells.matching("code", CODE, true, CODE_FORM);
        AdminUnit.Level level = cells.enumeration("level", AdminUnit.Level.class);
        String name = cells.required("name", 200);
        String parentCode = cells.matching("parent_code", CODE, false, CODE_FORM);
        duplicate(cells, state.keys, "code", code, row.number());
        if (level != null) {
            if (level == AdminUnit.Level.PROVINCE && parentCode != null) {
                cells.problem("parent_code", "provinceHasNoParent");
            } else if (level != AdminUnit.Level.PROVINCE && parentCode == null && row.get("parent_code") == null) {
                cells.problem("parent_code", "parentRequired");
            }
        }
        if (parentCode != null && organisation.unitByCode(parentCode).isEmpty()) {
            cells.problem("parent_code", "unitUnknown", parentCode);
        }
        if (!cells.ok()) {
            return Change.REJECTED;
        }
        var existing = organisation.unitByCode(code);
        Long parentId = parentCode == null ? null : organisation.unitByCode(parentCode).orElseThrow().id();
        if (existing.isPresent() && existing.get().level() == level && existing.get().name().equals(name)
                && Objects.equals(existing.get().parentId(), parentId)) {
            return Change.UNCHANGED;
        }
        organisation.saveUnit(code, level, name, parentCode);
        return existing.isPresent() ? Change.UPDATED : Change.CREATED;
    }

    private Change office(CsvParser.Row row, Cells cells, FileState state) {
        String code = cells.matching("code", CODE, true, CODE_FORM);
        String unitCode = cells.matching("unit_code", CODE, true, CODE_FORM);
        String dialCode = cells.matching("dial_code", "[0-9]{1,6}", true, "dialCode");
        String name = cells.required("name", 200);
        Office.Kind kind = cells.enumeration("kind", Office.Kind.class);
        boolean active = cells.bool("active", true);
        duplicate(cells, state.keys, "code", code, row.number());
        duplicate(cells, state.dialCodes, "dial_code", dialCode, row.number());
        if (unitCode != null && organisation.unitByCode(unitCode).isEmpty()) {
            cells.problem("unit_code", "adminUnitUnknown", unitCode);
        }
        if (dialCode != null) {
            organisation.offices().stream().filter(o -> o.dialCode().equals(dialCode) && !o.code().equals(code))
                    .findFirst().ifPresent(o -> cells.problem("dial_code", "dialCodeUsed", o.name(), o.code()));
        }
        if (!cells.ok()) {
            return Change.REJECTED;
        }
        long unitId = organisation.unitByCode(unitCode).orElseThrow().id();
        var existing = organisation.officeByCode(code);
        if (existing.isPresent() && existing.get().equals(new Office(existing.get().id(), unitId, code, dialCode, name,
                kind, active))) {
            return Change.UNCHANGED;
        }
        organisation.saveOffice(code, unitCode, dialCode, name, kind, active);
        return existing.isPresent() ? Change.UPDATED : Change.CREATED;
    }

    private Change officer(CsvParser.Row row, Cells cells, FileState state) {
        String code = cells.matching("code", CODE, true, CODE_FORM);
        String officeCode = cells.matching("office_code", CODE, true, CODE_FORM);
        String fullName = cells.required("full_name", 200);
        String position = cells.required("position", 200);
        String phone = cells.matching("phone", "\\+?[0-9 .]{9,20}", false, "phone");
        boolean active = cells.bool("active", true);
        Officer.Kind kind = officerKind(cells);
        duplicate(cells, state.keys, "code", code, row.number());
        if (officeCode != null && organisation.officeByCode(officeCode).isEmpty()) {
            cells.problem("office_code", "officeUnknown", officeCode);
        }
        if (!cells.ok()) {
            return Change.REJECTED;
        }
        String cleanPhone = phone == null ? null : phone.replaceAll("[ .]", "");
        long officeId = organisation.officeByCode(officeCode).orElseThrow().id();
        var existing = organisation.officerByCode(code);
        if (existing.isPresent() && existing.get().equals(new Officer(existing.get().id(), officeId, code, fullName,
                position, cleanPhone, active, kind == null ? existing.get().kind() : kind))) {
            return Change.UNCHANGED;
        }
        organisation.saveOfficer(code, officeCode, fullName, position, cleanPhone, active, kind);
        return existing.isPresent() ? Change.UPDATED : Change.CREATED;
    }

    /**
     * The optional {@code kind} column: COUNTER or SPECIALIST (docs/scoring.md § 6b); empty keeps what is recorded,
     * or derives it from the office for a new officer.
     */
    private static Officer.Kind officerKind(Cells cells) {
        String value = cells.optional("kind", 50);
        if (value == null) {
            return null;
        }
        for (Officer.Kind kind : Officer.Kind.values()) {
            if (kind.name().equalsIgnoreCase(value.strip())) {
                return kind;
            }
        }
        cells.problem("kind", "officerKind");
        return null;
    }

    private Change procedure(CsvParser.Row row, Cells cells, FileState state) {
        String code = cells.matching("code", CODE, true, CODE_FORM);
        String fieldCode = cells.matching("field_code", CODE, true, CODE_FORM);
        String fieldName = cells.optional("field_name", 200);
        String name = cells.required("name", 500);
        Integer legalDays = cells.integer("legal_days", 0, 365);
        boolean active = cells.bool("active", true);
        duplicate(cells, state.keys, "code", code, row.number());
        boolean fieldExists = fieldCode != null && procedures.fields().stream().anyMatch(f -> f.code().equals(fieldCode));
        if (fieldCode != null && !fieldExists && fieldName == null) {
            cells.problem("field_name", "fieldUnknown", fieldCode);
        }
        if (!cells.ok()) {
            return Change.REJECTED;
        }
        Procedures.Change fieldChange = fieldName == null ? Procedures.Change.UNCHANGED : procedures.saveField(fieldCode, fieldName);
        Procedures.Change change = procedures.saveProcedure(code, fieldCode, name, legalDays, active);
        if (change == Procedures.Change.UNCHANGED && fieldChange != Procedures.Change.UNCHANGED) {
            return Change.UPDATED;
        }
        return Change.valueOf(change.name());
    }

    static void duplicate(Cells cells, Map<String, Integer> seen, String column, String key, int row) {
        if (key == null) {
            return;
        }
        Integer first = seen.putIfAbsent(key, row);
        if (first != null) {
            cells.problem(column, "duplicate", first);
        }
    }
}
