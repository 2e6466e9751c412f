package vn.dancham.complaint.internal;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancham.complaint.ComplaintInbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static vn.dancham.db.jooq.Tables.APP_USER;
import static vn.dancham.db.jooq.Tables.COMPLAINT;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.OFFICER;

/** The complaint inbox over PostgreSQL; each change is one conditional UPDATE, so two handlers cannot race. */
@Component
class JooqComplaintInbox implements ComplaintInbox {

    static final int MAX_RESPONSE = 4000;

    private final DSLContext dsl;

    JooqComplaintInbox(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Item> list(Query q) {
        // Test calls' complaints are nobody's work (docs/ivr.md "Test calls"); the tester saw them on the page.
        Condition where = COMPLAINT.TEST.isFalse();
        if (!q.statuses().isEmpty()) {
            where = where.and(COMPLAINT.STATUS.in(q.statuses()));
        }
        if (q.overdueAt() != null) {
            where = where.and(COMPLAINT.STATUS.ne("RESOLVED")).and(COMPLAINT.DEADLINE_AT.lt(utc(q.overdueAt())));
        }
        if (q.officeId() != null) {
            where = where.and(COMPLAINT.OFFICE_ID.eq(q.officeId()));
        }
        if (q.assigneeId() != null) {
            where = where.and(COMPLAINT.ASSIGNEE_ID.eq(q.assigneeId()));
        }
        return select().where(where).orderBy(COMPLAINT.CREATED_AT.desc(), COMPLAINT.ID.desc())
                .limit(q.limit()).offset(q.offset()).fetch(JooqComplaintInbox::item);
    }

    @Override
    public Optional<Item> find(long id) {
        return select().where(COMPLAINT.ID.eq(id)).fetchOptional(JooqComplaintInbox::item);
    }

    @Override
    @Transactional
    public Change assign(long id, long assigneeUserId) {
        if (!dsl.fetchExists(APP_USER, APP_USER.ID.eq(assigneeUserId).and(APP_USER.ENABLED.isTrue()))) {
            return new Change.Refused("Người được giao không tồn tại hoặc đã bị khoá", "The assignee does not exist or is disabled");
        }
        int updated = dsl.update(COMPLAINT).set(COMPLAINT.ASSIGNEE_ID, assigneeUserId).set(COMPLAINT.STATUS, "ASSIGNED")
                .where(COMPLAINT.ID.eq(id).and(COMPLAINT.STATUS.in("NEW", "ASSIGNED"))).execute();
        return outcome(id, updated, "Phản ánh đã được trả lời hoặc đã đóng, không giao lại được",
                "The complaint is already answered or resolved; it cannot be reassigned");
    }

    @Override
    @Transactional
    public Change answer(long id, String response, Instant at) {
        String text = response == null ? "" : response.strip();
        if (text.isEmpty()) {
            return new Change.Refused("Cần nhập nội dung trả lời", "The answer is required");
        }
        if (text.length() > MAX_RESPONSE) {
            return new Change.Refused("Nội dung trả lời dài quá " + MAX_RESPONSE + " ký tự",
                    "The answer is longer than " + MAX_RESPONSE + " characters");
        }
        int updated = dsl.update(COMPLAINT).set(COMPLAINT.RESPONSE, text).set(COMPLAINT.RESPONDED_AT, utc(at))
                .set(COMPLAINT.STATUS, "ANSWERED")
                .where(COMPLAINT.ID.eq(id).and(COMPLAINT.STATUS.ne("RESOLVED"))).execute();
        return outcome(id, updated, "Phản ánh đã đóng", "The complaint is already resolved");
    }

    @Override
    @Transactional
    public Change resolve(long id, Instant at) {
        int updated = dsl.update(COMPLAINT).set(COMPLAINT.STATUS, "RESOLVED").set(COMPLAINT.RESOLVED_AT, utc(at))
                .where(COMPLAINT.ID.eq(id).and(COMPLAINT.STATUS.eq("ANSWERED"))).execute();
        return outcome(id, updated, "Chỉ đóng được phản ánh đã trả lời (và chưa đóng)",
                "Only an answered complaint that is not resolved yet can be resolved");
    }

    private Change outcome(long id, int updated, String vi, String en) {
        Optional<Item> item = find(id);
        if (item.isEmpty()) {
            return new Change.NotFound(id);
        }
        return updated == 1 ? new Change.Done(item.get()) : new Change.Refused(vi, en);
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return dsl.select(COMPLAINT.fields()).select(DOSSIER.RECEIPT_NO, OFFICE.NAME, OFFICER.FULL_NAME, APP_USER.DISPLAY_NAME)
                .from(COMPLAINT)
                .leftJoin(DOSSIER).on(DOSSIER.ID.eq(COMPLAINT.DOSSIER_ID))
                .leftJoin(OFFICE).on(OFFICE.ID.eq(COMPLAINT.OFFICE_ID))
                .leftJoin(OFFICER).on(OFFICER.ID.eq(COMPLAINT.OFFICER_ID))
                .leftJoin(APP_USER).on(APP_USER.ID.eq(COMPLAINT.ASSIGNEE_ID));
    }

    private static Item item(Record r) {
        return new Item(r.get(COMPLAINT.ID), r.get(COMPLAINT.KIND), r.get(COMPLAINT.STATUS), r.get(COMPLAINT.CALL_ID),
                r.get(COMPLAINT.DOSSIER_ID), r.get(DOSSIER.RECEIPT_NO), r.get(COMPLAINT.OFFICE_ID), r.get(OFFICE.NAME),
                r.get(COMPLAINT.OFFICER_ID), r.get(OFFICER.FULL_NAME), r.get(COMPLAINT.CALLER_NUMBER),
                r.get(COMPLAINT.RECORDING_PATH), r.get(COMPLAINT.RECORDING_SECONDS), r.get(COMPLAINT.RECORDING_STATE),
                r.get(COMPLAINT.ASSIGNEE_ID), r.get(APP_USER.DISPLAY_NAME), r.get(COMPLAINT.RESPONSE),
                instant(r.get(COMPLAINT.RESPONDED_AT)), instant(r.get(COMPLAINT.DEADLINE_AT)),
                instant(r.get(COMPLAINT.CREATED_AT)), instant(r.get(COMPLAINT.RESOLVED_AT)),
                instant(r.get(COMPLAINT.RECORDING_DELETED_AT)), r.get(COMPLAINT.RECORDING_FAILURE));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
