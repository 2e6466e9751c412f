package vn.dancham.complaint.internal;

import org.jooq.Condition;
import org.jooq.DSLContext;
import vn.dancham.scoring.StaleTrends;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancham.complaint.ComplaintInbox;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static vn.dancham.db.jooq.Tables.APP_USER;
import static vn.dancham.db.jooq.Tables.COMPLAINT;
import static vn.dancham.db.jooq.Tables.COMPLAINT_OFFICER;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.OFFICER;

/** The complaint inbox over PostgreSQL; each change is one conditional UPDATE, so two handlers cannot race. */
@Component
public class JooqComplaintInbox implements ComplaintInbox {

    static final int MAX_RESPONSE = 4000;
    static final int MAX_VERDICT_NOTE = 2000;
    /** The web user who gave the verdict (APP_USER itself is the assignee). */
    private static final vn.dancham.db.jooq.tables.AppUser JUDGE = APP_USER.as("judge");

    private final DSLContext dsl;
    private final StaleTrends staleTrends;

    /** @param staleTrends told before and after a verdict what the complaint counts for */
    public JooqComplaintInbox(DSLContext dsl, StaleTrends staleTrends) {
        this.dsl = dsl;
        this.staleTrends = staleTrends;
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
        if (q.incidentNotOpened()) {
            where = where.and(COMPLAINT.INCIDENT_DUE).and(COMPLAINT.INCIDENT_FAILED_AT.isNotNull());
        }
        return items(select().where(where).orderBy(COMPLAINT.CREATED_AT.desc(), COMPLAINT.ID.desc())
                .limit(q.limit()).offset(q.offset()).fetch());
    }

    @Override
    public Optional<Item> find(long id) {
        return items(select().where(COMPLAINT.ID.eq(id)).fetch()).stream().findFirst();
    }

    @Override
    @Transactional
    public Change decide(long id, Verdict verdict, List<Long> officerIds, String note, long userId, Instant at) {
        Set<Long> officers = officerIds == null ? Set.of() : new LinkedHashSet<>(officerIds);
        String text = note == null ? "" : note.strip();
        String kind = dsl.select(COMPLAINT.KIND).from(COMPLAINT).where(COMPLAINT.ID.eq(id)).forUpdate()
                .fetchOne(COMPLAINT.KIND);
        if (kind == null) {
            return new Change.NotFound(id);
        }
        if ("LEADER_MESSAGE".equals(kind)) {
            return new Change.Refused("LEADER_MESSAGE_NO_VERDICT");
        }
        if (verdict != Verdict.CONFIRMED && !officers.isEmpty()) {
            return new Change.Refused("OFFICERS_ONLY_WHEN_CONFIRMED");
        }
        if (verdict != Verdict.PENDING && text.isEmpty()) {
            return new Change.Refused("FINDING_REQUIRED");
        }
        if (text.length() > MAX_VERDICT_NOTE) {
            return new Change.Refused("FINDING_TOO_LONG", MAX_VERDICT_NOTE);
        }
        if (!officers.isEmpty() && dsl.fetchCount(OFFICER, OFFICER.ID.in(officers)) != officers.size()) {
            return new Change.Refused("OFFICER_UNKNOWN");
        }
        boolean pending = verdict == Verdict.PENDING;
        // What it counted for before and what it counts for after: a complaint counts on the day it was made, so
        // that week's and month's trend points of both, and their league tables, change with the verdict.
        staleTrends.complaint(id);
        dsl.update(COMPLAINT).set(COMPLAINT.VERDICT, verdict.name())
                .set(COMPLAINT.VERDICT_NOTE, pending ? null : text)
                .set(COMPLAINT.VERDICT_BY, pending ? null : userId)
                .set(COMPLAINT.VERDICT_AT, pending ? null : utc(at))
                .where(COMPLAINT.ID.eq(id)).execute();
        dsl.deleteFrom(COMPLAINT_OFFICER).where(COMPLAINT_OFFICER.COMPLAINT_ID.eq(id)).execute();
        for (Long officer : officers) {
            dsl.insertInto(COMPLAINT_OFFICER).set(COMPLAINT_OFFICER.COMPLAINT_ID, id)
                    .set(COMPLAINT_OFFICER.OFFICER_ID, officer).execute();
        }
        staleTrends.complaint(id);
        return new Change.Done(find(id).orElseThrow());
    }

    @Override
    @Transactional
    public Change assign(long id, long assigneeUserId) {
        if (!dsl.fetchExists(APP_USER, APP_USER.ID.eq(assigneeUserId).and(APP_USER.ENABLED.isTrue()))) {
            return new Change.Refused("ASSIGNEE_UNAVAILABLE");
        }
        int updated = dsl.update(COMPLAINT).set(COMPLAINT.ASSIGNEE_ID, assigneeUserId).set(COMPLAINT.STATUS, "ASSIGNED")
                .where(COMPLAINT.ID.eq(id).and(COMPLAINT.STATUS.in("NEW", "ASSIGNED"))).execute();
        return outcome(id, updated, "NOT_REASSIGNABLE");
    }

    @Override
    @Transactional
    public Change answer(long id, String response, Instant at) {
        String text = response == null ? "" : response.strip();
        if (text.isEmpty()) {
            return new Change.Refused("ANSWER_REQUIRED");
        }
        if (text.length() > MAX_RESPONSE) {
            return new Change.Refused("ANSWER_TOO_LONG", MAX_RESPONSE);
        }
        int updated = dsl.update(COMPLAINT).set(COMPLAINT.RESPONSE, text).set(COMPLAINT.RESPONDED_AT, utc(at))
                .set(COMPLAINT.STATUS, "ANSWERED")
                .where(COMPLAINT.ID.eq(id).and(COMPLAINT.STATUS.ne("RESOLVED"))).execute();
        return outcome(id, updated, "ALREADY_RESOLVED");
    }

    @Override
    @Transactional
    public Change resolve(long id, Instant at) {
        int updated = dsl.update(COMPLAINT).set(COMPLAINT.STATUS, "RESOLVED").set(COMPLAINT.RESOLVED_AT, utc(at))
                .where(COMPLAINT.ID.eq(id).and(COMPLAINT.STATUS.eq("ANSWERED"))).execute();
        return outcome(id, updated, "NOT_RESOLVABLE");
    }

    private Change outcome(long id, int updated, String refusal) {
        Optional<Item> item = find(id);
        if (item.isEmpty()) {
            return new Change.NotFound(id);
        }
        return updated == 1 ? new Change.Done(item.get()) : new Change.Refused(refusal);
    }

    private org.jooq.SelectOnConditionStep<Record> select() {
        return dsl.select(COMPLAINT.fields()).select(DOSSIER.RECEIPT_NO, OFFICE.NAME, OFFICER.FULL_NAME,
                        APP_USER.DISPLAY_NAME, JUDGE.DISPLAY_NAME)
                .from(COMPLAINT)
                .leftJoin(DOSSIER).on(DOSSIER.ID.eq(COMPLAINT.DOSSIER_ID))
                .leftJoin(OFFICE).on(OFFICE.ID.eq(COMPLAINT.OFFICE_ID))
                .leftJoin(OFFICER).on(OFFICER.ID.eq(COMPLAINT.OFFICER_ID))
                .leftJoin(APP_USER).on(APP_USER.ID.eq(COMPLAINT.ASSIGNEE_ID))
                .leftJoin(JUDGE).on(JUDGE.ID.eq(COMPLAINT.VERDICT_BY));
    }

    /** The rows with the officers named in their verdicts, read in one more query for the whole page. */
    private List<Item> items(List<Record> rows) {
        Map<Long, List<NamedOfficer>> named = new HashMap<>();
        if (!rows.isEmpty()) {
            var named0 = OFFICER.as("named");
            var office = OFFICE.as("named_office");
            dsl.select(COMPLAINT_OFFICER.COMPLAINT_ID, named0.ID, named0.FULL_NAME, office.NAME)
                    .from(COMPLAINT_OFFICER)
                    .join(named0).on(named0.ID.eq(COMPLAINT_OFFICER.OFFICER_ID))
                    .join(office).on(office.ID.eq(named0.OFFICE_ID))
                    .where(COMPLAINT_OFFICER.COMPLAINT_ID.in(rows.stream().map(r -> r.get(COMPLAINT.ID)).toList()))
                    .orderBy(named0.FULL_NAME, named0.ID)
                    .forEach(r -> named.computeIfAbsent(r.value1(), k -> new ArrayList<>())
                            .add(new NamedOfficer(r.value2(), r.value3(), r.value4())));
        }
        return rows.stream().map(r -> item(r, named.getOrDefault(r.get(COMPLAINT.ID), List.of()))).toList();
    }

    private static Item item(Record r, List<NamedOfficer> named) {
        return new Item(r.get(COMPLAINT.ID), r.get(COMPLAINT.KIND), r.get(COMPLAINT.STATUS), r.get(COMPLAINT.CALL_ID),
                r.get(COMPLAINT.DOSSIER_ID), r.get(DOSSIER.RECEIPT_NO), r.get(COMPLAINT.OFFICE_ID), r.get(OFFICE.NAME),
                r.get(COMPLAINT.OFFICER_ID), r.get(OFFICER.FULL_NAME), r.get(COMPLAINT.CALLER_NUMBER),
                r.get(COMPLAINT.RECORDING_PATH), r.get(COMPLAINT.RECORDING_SECONDS), r.get(COMPLAINT.RECORDING_STATE),
                r.get(COMPLAINT.ASSIGNEE_ID), r.get(APP_USER.DISPLAY_NAME), r.get(COMPLAINT.RESPONSE),
                instant(r.get(COMPLAINT.RESPONDED_AT)), instant(r.get(COMPLAINT.DEADLINE_AT)),
                instant(r.get(COMPLAINT.CREATED_AT)), instant(r.get(COMPLAINT.RESOLVED_AT)),
                instant(r.get(COMPLAINT.RECORDING_DELETED_AT)), r.get(COMPLAINT.RECORDING_FAILURE),
                instant(r.get(COMPLAINT.INCIDENT_FAILED_AT)), Verdict.valueOf(r.get(COMPLAINT.VERDICT)),
                r.get(COMPLAINT.VERDICT_NOTE), instant(r.get(COMPLAINT.VERDICT_AT)), r.get(JUDGE.DISPLAY_NAME), named);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
