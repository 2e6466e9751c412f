package vn.dancham.admin.procedures;

import org.jooq.DSLContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

import static vn.dancham.db.jooq.Tables.PROCEDURE;
import static vn.dancham.db.jooq.Tables.PROCEDURE_FIELD;

/**
 * The catalogue of administrative procedures (thủ tục hành chính) by field (lĩnh vực), maintained from the admin
 * web and the CSV import. Upserts by code, so re-importing a file changes nothing.
 */
@Service
public class Procedures {

    public record Field(long id, String code, String name) {
    }

    public record Procedure(long id, long fieldId, String fieldCode, String fieldName, String code, String name,
                            int legalDays, boolean active) {
    }

    public enum Change { CREATED, UPDATED, UNCHANGED }

    private final DSLContext dsl;

    public Procedures(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<Field> fields() {
        return dsl.selectFrom(PROCEDURE_FIELD).orderBy(PROCEDURE_FIELD.NAME)
                .fetch(r -> new Field(r.getId(), r.getCode(), r.getName()));
    }

    public List<Procedure> all() {
        return dsl.select(PROCEDURE.ID, PROCEDURE.FIELD_ID, PROCEDURE_FIELD.CODE, PROCEDURE_FIELD.NAME, PROCEDURE.CODE,
                        PROCEDURE.NAME, PROCEDURE.LEGAL_DAYS, PROCEDURE.ACTIVE)
                .from(PROCEDURE).join(PROCEDURE_FIELD).on(PROCEDURE_FIELD.ID.eq(PROCEDURE.FIELD_ID))
                .orderBy(PROCEDURE_FIELD.NAME, PROCEDURE.CODE)
                .fetch(r -> new Procedure(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(),
                        r.value7(), r.value8()));
    }

    public Optional<Procedure> byCode(String code) {
        return all().stream().filter(p -> p.code().equals(code)).findFirst();
    }

    /** Inserts or renames a field by code. */
    @Transactional
    public Change saveField(String code, String name) {
        var existing = dsl.selectFrom(PROCEDURE_FIELD).where(PROCEDURE_FIELD.CODE.eq(code)).fetchOptional();
        if (existing.isPresent()) {
            if (existing.get().getName().equals(name)) {
                return Change.UNCHANGED;
            }
            dsl.update(PROCEDURE_FIELD).set(PROCEDURE_FIELD.NAME, name).where(PROCEDURE_FIELD.CODE.eq(code)).execute();
            return Change.UPDATED;
        }
        dsl.insertInto(PROCEDURE_FIELD).set(PROCEDURE_FIELD.CODE, code).set(PROCEDURE_FIELD.NAME, name).execute();
        return Change.CREATED;
    }

    /** Inserts or updates a procedure by code; the field must exist. */
    @Transactional
    public Change saveProcedure(String code, String fieldCode, String name, int legalDays, boolean active) {
        long fieldId = dsl.select(PROCEDURE_FIELD.ID).from(PROCEDURE_FIELD).where(PROCEDURE_FIELD.CODE.eq(fieldCode))
                .fetchOptional(PROCEDURE_FIELD.ID)
                .orElseThrow(() -> new IllegalArgumentException("Unknown field " + fieldCode));
        var existing = dsl.selectFrom(PROCEDURE).where(PROCEDURE.CODE.eq(code)).fetchOptional();
        if (existing.isPresent()) {
            var p = existing.get();
            if (p.getFieldId() == fieldId && p.getName().equals(name) && p.getLegalDays() == legalDays
                    && p.getActive() == active) {
                return Change.UNCHANGED;
            }
            dsl.update(PROCEDURE).set(PROCEDURE.FIELD_ID, fieldId).set(PROCEDURE.NAME, name)
                    .set(PROCEDURE.LEGAL_DAYS, legalDays).set(PROCEDURE.ACTIVE, active)
                    .where(PROCEDURE.CODE.eq(code)).execute();
            return Change.UPDATED;
        }
        dsl.insertInto(PROCEDURE).set(PROCEDURE.CODE, code).set(PROCEDURE.FIELD_ID, fieldId).set(PROCEDURE.NAME, name)
                .set(PROCEDURE.LEGAL_DAYS, legalDays).set(PROCEDURE.ACTIVE, active).execute();
        return Change.CREATED;
    }
}
