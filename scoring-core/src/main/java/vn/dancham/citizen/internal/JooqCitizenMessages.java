package vn.dancham.citizen.internal;

import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import vn.dancham.citizen.CitizenMessages;
import vn.dancham.dossier.DossierTimeline;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.escalation.EscalationProperties;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static vn.dancham.db.jooq.Tables.ADMIN_UNIT;
import static vn.dancham.db.jooq.Tables.CITIZEN_MESSAGE;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.PROCEDURE;
import static vn.dancham.db.jooq.Tables.SMS_INBOUND;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/** The reads behind the dossier page, the apologies list, the segments count and the response rates. */
final class JooqCitizenMessages implements CitizenMessages {

    /** States in which a message was handed over (or simulated) and so cost (or would cost) its segments. */
    private static final List<String> HANDED_OVER = List.of("SENT", "DELIVERED", "UNDELIVERED", "SIMULATED");

    private final DSLContext dsl;
    private final Dossiers dossiers;
    private final ZoneId zone;

    JooqCitizenMessages(DSLContext dsl, Dossiers dossiers, EscalationProperties escalation) {
        this.dsl = dsl;
        this.dossiers = dossiers;
        this.zone = escalation.zone();
    }

    @Override
    public List<Message> forDossier(long dossierId) {
        String applicant = dsl.select(DOSSIER.APPLICANT_PHONE).from(DOSSIER).where(DOSSIER.ID.eq(dossierId))
                .fetchOne(DOSSIER.APPLICANT_PHONE);
        return dsl.select(CITIZEN_MESSAGE.AT, CITIZEN_MESSAGE.KIND, CITIZEN_MESSAGE.DIRECTION, CITIZEN_MESSAGE.PHONE,
                        DSL.coalesce(SMS_MESSAGE.ATTEMPT_BODY, SMS_MESSAGE.BODY, SMS_INBOUND.BODY), SMS_MESSAGE.STATE,
                        CITIZEN_MESSAGE.DETAIL)
                .from(CITIZEN_MESSAGE)
                .leftJoin(SMS_MESSAGE).on(SMS_MESSAGE.ID.eq(CITIZEN_MESSAGE.SMS_MESSAGE_ID))
                .leftJoin(SMS_INBOUND).on(SMS_INBOUND.ID.eq(CITIZEN_MESSAGE.SMS_INBOUND_ID))
                .where(CITIZEN_MESSAGE.DOSSIER_ID.eq(dossierId))
                .orderBy(CITIZEN_MESSAGE.AT, CITIZEN_MESSAGE.ID)
                .fetch(r -> new Message(r.value1().toInstant(), r.value2(), r.value3(), r.value5(), r.value6(),
                        r.value7(), vn.dancham.phone.PhoneNumbers.same(applicant, r.value4())));
    }

    @Override
    public List<Apologised> apologised(Long officeId, int limit) {
        var q = dsl.select(DOSSIER.ID, DOSSIER.RECEIPT_NO, PROCEDURE.NAME, OFFICE.ID, OFFICE.NAME, DOSSIER.DUE_AT,
                        DOSSIER.NEW_DUE_AT, CITIZEN_MESSAGE.AT, SMS_MESSAGE.STATE, DOSSIER.RETURNED_AT)
                .from(CITIZEN_MESSAGE)
                .join(DOSSIER).on(DOSSIER.ID.eq(CITIZEN_MESSAGE.DOSSIER_ID))
                .join(PROCEDURE).on(PROCEDURE.ID.eq(DOSSIER.PROCEDURE_ID))
                .join(OFFICE).on(OFFICE.ID.eq(DOSSIER.RECEIVING_OFFICE_ID))
                .leftJoin(SMS_MESSAGE).on(SMS_MESSAGE.ID.eq(CITIZEN_MESSAGE.SMS_MESSAGE_ID))
                .where(CITIZEN_MESSAGE.KIND.eq("APOLOGY")).and(CITIZEN_MESSAGE.DIRECTION.eq("OUT"));
        if (officeId != null) {
            q = q.and(DOSSIER.RECEIVING_OFFICE_ID.eq(officeId));
        }
        return q.orderBy(CITIZEN_MESSAGE.AT.desc(), CITIZEN_MESSAGE.ID.desc()).limit(limit)
                .fetch(r -> new Apologised(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(),
                        r.value6().toInstant(), instant(r.value7()), r.value8().toInstant(), r.value9(),
                        r.value10() != null));
    }

    @Override
    public Optional<ApologySent> apologySent(long dossierId) {
        return dsl.select(SMS_MESSAGE.SENT_AT, DOSSIER.NEW_DUE_AT)
                .from(CITIZEN_MESSAGE)
                .join(DOSSIER).on(DOSSIER.ID.eq(CITIZEN_MESSAGE.DOSSIER_ID))
                .join(SMS_MESSAGE).on(SMS_MESSAGE.ID.eq(CITIZEN_MESSAGE.SMS_MESSAGE_ID))
                .where(CITIZEN_MESSAGE.DOSSIER_ID.eq(dossierId)).and(CITIZEN_MESSAGE.KIND.eq("APOLOGY"))
                .and(CITIZEN_MESSAGE.DIRECTION.eq("OUT")).and(SMS_MESSAGE.STATE.in("SENT", "DELIVERED"))
                .and(SMS_MESSAGE.SENT_AT.isNotNull())
                .orderBy(SMS_MESSAGE.SENT_AT.desc()).limit(1)
                .fetchOptional(r -> new ApologySent(r.value1().toInstant(), instant(r.value2())));
    }

    @Override
    public List<SegmentCount> segmentsByKind(YearMonth month) {
        OffsetDateTime from = month.atDay(1).atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toOffsetDateTime();
        var simulated = DSL.when(SMS_MESSAGE.STATE.eq("SIMULATED"), SMS_MESSAGE.SEGMENTS.cast(Integer.class))
                .otherwise(0);
        var real = DSL.when(SMS_MESSAGE.STATE.ne("SIMULATED"), SMS_MESSAGE.SEGMENTS.cast(Integer.class))
                .otherwise(0);
        return dsl.select(SMS_MESSAGE.PURPOSE, DSL.count(), DSL.sum(real), DSL.sum(simulated))
                .from(SMS_MESSAGE)
                .where(SMS_MESSAGE.STATE.in(HANDED_OVER))
                .and(SMS_MESSAGE.SENT_AT.ge(from)).and(SMS_MESSAGE.SENT_AT.lt(to))
                .groupBy(SMS_MESSAGE.PURPOSE).orderBy(SMS_MESSAGE.PURPOSE)
                .fetch(r -> new SegmentCount(r.value1(), r.value2(), r.value3() == null ? 0 : r.value3().intValue(),
                        r.value4() == null ? 0 : r.value4().intValue()));
    }

    @Override
    public List<ResponseRate> responseRates(Instant from, Instant to) {
        var invitation = CITIZEN_MESSAGE.as("invitation");
        var answer = CITIZEN_MESSAGE.as("answer");
        var answered = DSL.count().filterWhere(DSL.exists(DSL.selectOne().from(answer)
                .where(answer.DOSSIER_ID.eq(invitation.DOSSIER_ID)).and(answer.KIND.eq("ANSWERS"))
                .and(answer.AT.ge(invitation.AT))));
        return dsl.select(OFFICE.ID, OFFICE.NAME, DSL.count(), answered)
                .from(invitation).join(OFFICE).on(OFFICE.ID.eq(invitation.OFFICE_ID))
                .where(invitation.KIND.eq("INVITATION")).and(invitation.DIRECTION.eq("OUT"))
                .and(invitation.AT.ge(from.atOffset(ZoneOffset.UTC))).and(invitation.AT.lt(to.atOffset(ZoneOffset.UTC)))
                .groupBy(OFFICE.ID, OFFICE.NAME).orderBy(OFFICE.NAME)
                .fetch(r -> new ResponseRate(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    @Override
    public Optional<ApologyLetter> apologyLetter(long dossierId, Instant now) {
        var d = dsl.select(DOSSIER.RECEIPT_NO, DOSSIER.APPLICANT_NAME, PROCEDURE.NAME, OFFICE.NAME, ADMIN_UNIT.NAME,
                        DOSSIER.RECEIVED_AT, DOSSIER.DUE_AT, DOSSIER.NEW_DUE_AT, DOSSIER.RETURNED_AT)
                .from(DOSSIER).join(PROCEDURE).on(PROCEDURE.ID.eq(DOSSIER.PROCEDURE_ID))
                .join(OFFICE).on(OFFICE.ID.eq(DOSSIER.RECEIVING_OFFICE_ID))
                .join(ADMIN_UNIT).on(ADMIN_UNIT.ID.eq(OFFICE.UNIT_ID))
                .where(DOSSIER.ID.eq(dossierId)).fetchOne();
        if (d == null) {
            return Optional.empty();
        }
        Instant due = d.value7().toInstant();
        Instant returned = instant(d.value9());
        boolean late = returned != null ? returned.isAfter(due) : now.isAfter(due);
        if (!late) {
            return Optional.empty();
        }
        Optional<DossierTimeline.Stage> culprit = dossiers.timeline(new ReceiptNumber(d.value1()))
                .flatMap(DossierTimeline::culprit);
        Instant newDue = instant(d.value8());
        return Optional.of(new ApologyLetter(d.value1(), d.value2(), d.value3(), d.value4(), d.value5(),
                d.value6().atZoneSameInstant(zone).toLocalDate(), due.atZone(zone).toLocalDate(),
                newDue == null ? null : newDue.atZone(zone).toLocalDate(),
                culprit.map(DossierTimeline.Stage::name).orElse(null),
                culprit.map(DossierTimeline.Stage::officeName).orElse(null), now.atZone(zone).toLocalDate()));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
