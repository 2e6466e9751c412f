package vn.dancham.complaint.internal;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import vn.dancham.complaint.RecordingRetention;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static vn.dancham.db.jooq.Tables.COMPLAINT;

/** Recording retention over PostgreSQL; the note is one conditional UPDATE, so two nodes cannot both make it. */
@Component
class JooqRecordingRetention implements RecordingRetention {

    private final DSLContext dsl;

    JooqRecordingRetention(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Due> due(Instant cutoff, long afterId, int limit) {
        return dsl.select(COMPLAINT.ID, COMPLAINT.RECORDING_PATH, COMPLAINT.CREATED_AT)
                .from(COMPLAINT)
                .where(COMPLAINT.RECORDING_STATE.eq("RECORDED"))
                .and(COMPLAINT.CREATED_AT.lt(cutoff.atOffset(ZoneOffset.UTC)))
                .and(COMPLAINT.ID.gt(afterId))
                .orderBy(COMPLAINT.ID)
                .limit(limit)
                .fetch(r -> new Due(r.value1(), r.value2(), r.value3().toInstant()));
    }

    @Override
    public boolean markDeleted(long complaintId, Instant at) {
        return dsl.update(COMPLAINT)
                .set(COMPLAINT.RECORDING_STATE, "DELETED")
                .set(COMPLAINT.RECORDING_DELETED_AT, at.atOffset(ZoneOffset.UTC))
                .where(COMPLAINT.ID.eq(complaintId).and(COMPLAINT.RECORDING_STATE.eq("RECORDED")))
                .execute() == 1;
    }
}
