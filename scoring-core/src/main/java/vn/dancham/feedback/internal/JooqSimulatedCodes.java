package vn.dancham.feedback.internal;

import org.jooq.DSLContext;
import vn.dancham.feedback.SimulatedCodes;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/** Reads the outbox's simulated one-time code messages. */
final class JooqSimulatedCodes implements SimulatedCodes {

    private final DSLContext dsl;

    JooqSimulatedCodes(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<Message> since(Instant since, int limit) {
        return dsl.select(SMS_MESSAGE.TO_PHONE, SMS_MESSAGE.BODY, SMS_MESSAGE.CREATED_AT).from(SMS_MESSAGE)
                .where(SMS_MESSAGE.PURPOSE.eq("ONE_TIME_CODE").and(SMS_MESSAGE.STATE.eq("SIMULATED"))
                        .and(SMS_MESSAGE.CREATED_AT.gt(since.atOffset(ZoneOffset.UTC))))
                .orderBy(SMS_MESSAGE.CREATED_AT.desc(), SMS_MESSAGE.ID.desc()).limit(limit)
                .fetch(r -> new Message(r.value1(), r.value2(), r.value3().toInstant()));
    }
}
