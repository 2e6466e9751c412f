package vn.dancham.calls.internal;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import vn.dancham.calls.CallStatistics;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static vn.dancham.db.jooq.Tables.COMPLAINT;
import static vn.dancham.db.jooq.Tables.HOTLINE_CALL;
import static vn.dancham.db.jooq.Tables.RATING;

/** One grouped query over the started_at index; test calls (the web's test-call page) are not figures. */
@Component
class JooqCallStatistics implements CallStatistics {

    private final DSLContext dsl;

    JooqCallStatistics(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public CallCounts between(Instant from, Instant to) {
        return counts(from, to, DSL.noCondition());
    }

    @Override
    public CallCounts between(Instant from, Instant to, long officeId) {
        return counts(from, to, DSL.exists(DSL.selectOne().from(RATING)
                        .where(RATING.CALL_ID.eq(HOTLINE_CALL.ID).and(RATING.OFFICE_ID.eq(officeId))))
                .or(DSL.exists(DSL.selectOne().from(COMPLAINT)
                        .where(COMPLAINT.CALL_ID.eq(HOTLINE_CALL.ID).and(COMPLAINT.OFFICE_ID.eq(officeId))))));
    }

    private CallCounts counts(Instant from, Instant to, org.jooq.Condition about) {
        Map<String, Long> byOutcome = new LinkedHashMap<>();
        long total = 0;
        for (var r : dsl.select(HOTLINE_CALL.OUTCOME, DSL.count()).from(HOTLINE_CALL)
                .where(HOTLINE_CALL.STARTED_AT.ge(from.atOffset(ZoneOffset.UTC))
                        .and(HOTLINE_CALL.STARTED_AT.lt(to.atOffset(ZoneOffset.UTC)))
                        .and(HOTLINE_CALL.TEST.isFalse())
                        .and(about))
                .groupBy(HOTLINE_CALL.OUTCOME).orderBy(HOTLINE_CALL.OUTCOME).fetch()) {
            byOutcome.put(r.value1(), r.value2().longValue());
            total += r.value2();
        }
        return new CallCounts(total, byOutcome);
    }
}
