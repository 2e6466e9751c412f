package vn.dancham.citizen.internal;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import vn.dancham.citizen.CitizenSms;
import vn.dancham.citizen.CitizenProperties;
import vn.dancham.citizen.CitizenTemplate;
import vn.dancham.citizen.CitizenTemplate.Placeholder;
import vn.dancham.citizen.CitizenTemplates;
import vn.dancham.dossier.DossierStatus;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.escalation.sms.CitizenSmsHandler;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.phone.PhoneNumbers;
import vn.dancham.escalation.sms.Outbox;
import vn.dancham.rating.RatingQuestion;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.Ratings;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static vn.dancham.db.jooq.Tables.CITIZEN_MESSAGE;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;
import static vn.dancham.db.jooq.Tables.SMS_OPT_OUT;

/**
 * Apologies and invitations (the sweep), and citizens' SMS (answers, status requests, opt-out) through the same
 * rating path as a phone answer. Every SMS goes through the escalation outbox and onto the dossier's timeline
 * (citizen_message).
 */
final class JooqCitizenSms implements CitizenSms, CitizenSmsHandler {

    private static final int BATCH = 200;

    private final DSLContext dsl;
    private final CitizenProperties.Sms properties;
    private final EscalationProperties escalation;
    private final CitizenTemplates templates;
    private final Outbox outbox;
    private final Ratings ratings;
    private final Dossiers dossiers;
    private final SendingHours hours;

    JooqCitizenSms(DSLContext dsl, CitizenProperties.Sms properties, EscalationProperties escalation,
                   CitizenTemplates templates, Outbox outbox, Ratings ratings, Dossiers dossiers) {
        this.dsl = dsl;
        this.properties = properties;
        this.escalation = escalation;
        this.templates = templates;
        this.outbox = outbox;
        this.ratings = ratings;
        this.dossiers = dossiers;
        this.hours = new SendingHours(properties.sendFrom(), properties.sendUntil(), escalation.zone());
    }

    // ---- the sweep: apologies and invitations ----

    @Override
    public Sweep sweep(Instant now) {
        if (!hours.allows(now)) {
            return new Sweep(0, 0, 0, 0, true);
        }
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            int[] apologies = new int[3];
            int[] invitations = new int[3];
            Field<String> episode = DSL.field("(extract(epoch from {0})::bigint)::text", String.class, DOSSIER.DUE_AT);
            var late = t.select(DOSSIER.ID, DOSSIER.RECEIPT_NO, DOSSIER.APPLICANT_PHONE, DOSSIER.NEW_DUE_AT,
                            DOSSIER.RECEIVING_OFFICE_ID, OFFICE.NAME, episode)
                    .from(DOSSIER).join(OFFICE).on(OFFICE.ID.eq(DOSSIER.RECEIVING_OFFICE_ID))
                    .where(DOSSIER.RETURNED_AT.isNull()).and(DOSSIER.STATUS.ne("WITHDRAWN"))
                    .and(DOSSIER.APPLICANT_PHONE.isNotNull())
                    .and(DOSSIER.DUE_AT.lt(utc(now))).and(DOSSIER.DUE_AT.gt(utc(now.minus(properties.apologyWithin()))))
                    .andNotExists(t.selectOne().from(CITIZEN_MESSAGE).where(CITIZEN_MESSAGE.DOSSIER_ID.eq(DOSSIER.ID))
                            .and(CITIZEN_MESSAGE.KIND.eq("APOLOGY")).and(CITIZEN_MESSAGE.EPISODE.eq(episode)))
                    .orderBy(DOSSIER.DUE_AT).limit(BATCH).fetch();
            for (var d : late) {
                Map<Placeholder, String> v = values();
                v.put(Placeholder.OFFICE, d.get(OFFICE.NAME));
                v.put(Placeholder.RECEIPT, d.get(DOSSIER.RECEIPT_NO));
                CitizenTemplate kind = CitizenTemplate.APOLOGY_NO_DATE;
                OffsetDateTime newDue = d.get(DOSSIER.NEW_DUE_AT);
                if (newDue != null && newDue.toInstant().isAfter(now)) {
                    kind = CitizenTemplate.APOLOGY;
                    v.put(Placeholder.NEW_DATE, StatusWords.DATE.format(newDue.toInstant().atZone(escalation.zone())));
                }
                String ep = d.get(episode);
                apologies[proactive(t, d.get(DOSSIER.ID), d.get(DOSSIER.RECEIVING_OFFICE_ID), "APOLOGY", ep,
                        d.get(DOSSIER.APPLICANT_PHONE), render(kind, v), "citizen:apology:" + d.get(DOSSIER.ID) + ":"
                                + ep, now)]++;
            }
            var returned = t.select(DOSSIER.ID, DOSSIER.RECEIPT_NO, DOSSIER.APPLICANT_PHONE,
                            DOSSIER.RECEIVING_OFFICE_ID, OFFICE.NAME)
                    .from(DOSSIER).join(OFFICE).on(OFFICE.ID.eq(DOSSIER.RECEIVING_OFFICE_ID))
                    .where(DOSSIER.RETURNED_AT.le(utc(now)))
                    .and(DOSSIER.RETURNED_AT.gt(utc(now.minus(properties.inviteWithin()))))
                    .and(DOSSIER.APPLICANT_PHONE.isNotNull())
                    .andNotExists(t.selectOne().from(CITIZEN_MESSAGE).where(CITIZEN_MESSAGE.DOSSIER_ID.eq(DOSSIER.ID))
                            .and(CITIZEN_MESSAGE.KIND.eq("INVITATION")))
                    .orderBy(DOSSIER.RETURNED_AT).limit(BATCH).fetch();
            for (var d : returned) {
                Map<Placeholder, String> v = values();
                v.put(Placeholder.OFFICE, d.get(OFFICE.NAME));
                v.put(Placeholder.RECEIPT, d.get(DOSSIER.RECEIPT_NO));
                invitations[proactive(t, d.get(DOSSIER.ID), d.get(DOSSIER.RECEIVING_OFFICE_ID), "INVITATION",
                        "RETURNED", d.get(DOSSIER.APPLICANT_PHONE), render(CitizenTemplate.INVITATION, v),
                        "citizen:invitation:" + d.get(DOSSIER.ID), now)]++;
            }
            return new Sweep(apologies[SENT], invitations[SENT], apologies[NOT_SENT] + invitations[NOT_SENT],
                    apologies[DEFERRED] + invitations[DEFERRED], false);
        });
    }

    private static final int SENT = 0;
    private static final int NOT_SENT = 1;
    private static final int DEFERRED = 2;

    /**
     * One apology or invitation: SENT (queued in the outbox), NOT_SENT (recorded: the number opted out, or is no
     * phone number), DEFERRED (the number reached its daily limit: nothing recorded, a later sweep tries again).
     */
    private int proactive(DSLContext t, long dossierId, long officeId, String kind, String episode,
                          String nationalPhone, String body, String key, Instant now) {
        String phone = PhoneNumbers.toE164(nationalPhone).orElse(null);
        if (phone == null) {
            return NOT_SENT;
        }
        if (t.fetchExists(SMS_OPT_OUT, SMS_OPT_OUT.PHONE.eq(phone))) {
            t.insertInto(CITIZEN_MESSAGE).set(CITIZEN_MESSAGE.DOSSIER_ID, dossierId)
                    .set(CITIZEN_MESSAGE.OFFICE_ID, officeId).set(CITIZEN_MESSAGE.KIND, kind)
                    .set(CITIZEN_MESSAGE.DIRECTION, "NOT_SENT").set(CITIZEN_MESSAGE.PHONE, phone)
                    .set(CITIZEN_MESSAGE.EPISODE, episode).set(CITIZEN_MESSAGE.DETAIL, "OPTED_OUT")
                    .set(CITIZEN_MESSAGE.AT, utc(now)).onConflictDoNothing().execute();
            return NOT_SENT;
        }
        if (sentToday(t, phone, now) >= properties.dailyLimitPerNumber()) {
            return DEFERRED;
        }
        String purpose = kind.equals("APOLOGY") ? "APOLOGY" : "INVITATION";
        outbox.enqueue(t, new Outbox.Message(null, phone, null, null, null, purpose, body, null, key), now);
        Long smsId = t.select(SMS_MESSAGE.ID).from(SMS_MESSAGE).where(SMS_MESSAGE.IDEMPOTENCY_KEY.eq(key))
                .fetchOne(SMS_MESSAGE.ID);
        t.insertInto(CITIZEN_MESSAGE).set(CITIZEN_MESSAGE.DOSSIER_ID, dossierId)
                .set(CITIZEN_MESSAGE.OFFICE_ID, officeId).set(CITIZEN_MESSAGE.KIND, kind)
                .set(CITIZEN_MESSAGE.DIRECTION, "OUT").set(CITIZEN_MESSAGE.PHONE, phone)
                .set(CITIZEN_MESSAGE.EPISODE, episode).set(CITIZEN_MESSAGE.SMS_MESSAGE_ID, smsId)
                .set(CITIZEN_MESSAGE.AT, utc(now)).onConflictDoNothing().execute();
        return SENT;
    }

    // ---- a citizen's SMS ----

    @Override
    public String handle(DSLContext t, long inboundId, String messageSid, String phone, String body, Instant now) {
        List<RatingQuestion> questions = ratings.activeQuestions();
        return switch (ReplyReader.read(body, questions.size())) {
            case CitizenReply.OptOut o -> optOut(t, inboundId, messageSid, phone, now);
            case CitizenReply.Status s -> status(t, inboundId, messageSid, phone, s.receipt(), now);
            case CitizenReply.Answers a -> answers(t, inboundId, messageSid, phone, a, questions, now);
            case CitizenReply.Unclear u -> unclear(t, inboundId, messageSid, phone, questions, now);
        };
    }

    private String optOut(DSLContext t, long inboundId, String sid, String phone, Instant now) {
        t.insertInto(SMS_OPT_OUT).set(SMS_OPT_OUT.PHONE, phone).set(SMS_OPT_OUT.OPTED_OUT_AT, utc(now))
                .set(SMS_OPT_OUT.INBOUND_ID, inboundId).onConflictDoNothing().execute();
        Invitation last = lastInvitation(t, phone, now).orElse(null);
        Long dossierId = last == null ? null : last.dossierId();
        Long officeId = last == null ? null : last.officeId();
        inbound(t, dossierId, officeId, "OPT_OUT", phone, inboundId, null, now);
        reply(t, dossierId, officeId, "OPT_OUT", phone, render(CitizenTemplate.OPT_OUT, values()), sid, now);
        return "CITIZEN_OPT_OUT";
    }

    /** The facts only to the applicant's own number; anyone else hears the same words as for an unknown number. */
    private String status(DSLContext t, long inboundId, String sid, String phone, String receipt, Instant now) {
        Optional<DossierStatus> found = ReceiptNumber.parse(receipt) == null ? Optional.empty()
                : dossiers.status(ReceiptNumber.parse(receipt));
        boolean applicant = found.isPresent()
                && vn.dancham.phone.PhoneNumbers.same(found.get().applicantPhone(), phone);
        Long dossierId = found.map(DossierStatus::dossierId).orElse(null);
        Long officeId = found.map(DossierStatus::receivingOfficeId).orElse(null);
        Map<Placeholder, String> v = values();
        v.put(Placeholder.RECEIPT, receipt);
        inbound(t, dossierId, officeId, "STATUS", phone, inboundId, applicant ? null : "NOT_APPLICANT", now);
        if (applicant) {
            v.put(Placeholder.STATUS, StatusWords.of(found.get(), now, escalation.zone()));
            reply(t, dossierId, officeId, "STATUS", phone, render(CitizenTemplate.STATUS, v), sid, now);
            return "CITIZEN_STATUS";
        }
        reply(t, dossierId, officeId, "STATUS", phone, render(CitizenTemplate.STATUS_UNKNOWN, v), sid, now);
        return "CITIZEN_STATUS_REFUSED";
    }

    /**
     * Through {@link Ratings#record}, exactly like a phone answer: the same attribution and eligibility rules, and
     * VERIFIED only when the sender is the dossier's applicant (the recorder compares the numbers). Each answer is
     * keyed by the SMS and question, so Twilio's retries store nothing twice.
     */
    private String answers(DSLContext t, long inboundId, String sid, String phone, CitizenReply.Answers a,
                           List<RatingQuestion> questions, Instant now) {
        Long dossierId;
        Long officeId;
        if (a.receipt().isPresent()) {
            var d = t.select(DOSSIER.ID, DOSSIER.RECEIVING_OFFICE_ID).from(DOSSIER)
                    .where(DOSSIER.RECEIPT_NO.eq(a.receipt().get())).fetchOne();
            if (d == null) {
                return unclear(t, inboundId, sid, phone, questions, now);
            }
            dossierId = d.value1();
            officeId = d.value2();
        } else {
            Optional<Invitation> last = lastInvitation(t, phone, now);
            if (last.isEmpty()) {
                return unclear(t, inboundId, sid, phone, questions, now);
            }
            dossierId = last.get().dossierId();
            officeId = last.get().officeId();
        }
        for (int i = 0; i < questions.size(); i++) {
            ratings.record(new RatingSubmission(null, dossierId, null, questions.get(i).code(), a.values().get(i),
                    phone, now, RatingSubmission.Channel.SMS, "sms:" + sid + ":" + questions.get(i).code()));
        }
        inbound(t, dossierId, officeId, "ANSWERS", phone, inboundId,
                a.values().stream().map(String::valueOf).collect(Collectors.joining(" ")), now);
        return "CITIZEN_ANSWERS";
    }

    /** At most one correction per invitation; a number we never wrote to gets at most one help a day. */
    private String unclear(DSLContext t, long inboundId, String sid, String phone, List<RatingQuestion> questions,
                           Instant now) {
        Optional<Invitation> last = lastInvitation(t, phone, now);
        Long dossierId = last.map(Invitation::dossierId).orElse(null);
        Long officeId = last.map(Invitation::officeId).orElse(null);
        inbound(t, dossierId, officeId, "HELP", phone, inboundId, "UNREADABLE", now);
        if (t.fetchExists(SMS_OPT_OUT, SMS_OPT_OUT.PHONE.eq(phone))) {
            return "CITIZEN_UNREADABLE";
        }
        Map<Placeholder, String> v = values();
        if (last.isPresent()) {
            boolean corrected = t.fetchExists(CITIZEN_MESSAGE, CITIZEN_MESSAGE.PHONE.eq(phone)
                    .and(CITIZEN_MESSAGE.KIND.eq("CORRECTION")).and(CITIZEN_MESSAGE.DIRECTION.eq("OUT"))
                    .and(CITIZEN_MESSAGE.AT.ge(utc(last.get().at()))));
            if (!corrected) {
                reply(t, dossierId, officeId, "CORRECTION", phone, render(CitizenTemplate.CORRECTION, v), sid, now);
                return "CITIZEN_CORRECTED";
            }
            return "CITIZEN_UNREADABLE";
        }
        boolean helpedToday = t.fetchExists(CITIZEN_MESSAGE, CITIZEN_MESSAGE.PHONE.eq(phone)
                .and(CITIZEN_MESSAGE.KIND.eq("HELP")).and(CITIZEN_MESSAGE.DIRECTION.eq("OUT"))
                .and(CITIZEN_MESSAGE.AT.ge(utc(startOfDay(now)))));
        if (!helpedToday) {
            reply(t, null, null, "HELP", phone, render(CitizenTemplate.HELP, v), sid, now);
            return "CITIZEN_HELPED";
        }
        return "CITIZEN_UNREADABLE";
    }

    record Invitation(long dossierId, long officeId, Instant at) {
    }

    private Optional<Invitation> lastInvitation(DSLContext t, String phone, Instant now) {
        return t.select(CITIZEN_MESSAGE.DOSSIER_ID, CITIZEN_MESSAGE.OFFICE_ID, CITIZEN_MESSAGE.AT).from(CITIZEN_MESSAGE)
                .where(CITIZEN_MESSAGE.PHONE.eq(phone)).and(CITIZEN_MESSAGE.KIND.eq("INVITATION"))
                .and(CITIZEN_MESSAGE.DIRECTION.eq("OUT"))
                .and(CITIZEN_MESSAGE.AT.gt(utc(now.minus(properties.answerWithin()))))
                .orderBy(CITIZEN_MESSAGE.AT.desc(), CITIZEN_MESSAGE.ID.desc()).limit(1)
                .fetchOptional(r -> new Invitation(r.value1(), r.value2(), r.value3().toInstant()));
    }

    private void inbound(DSLContext t, Long dossierId, Long officeId, String kind, String phone, long inboundId,
                         String detail, Instant now) {
        t.insertInto(CITIZEN_MESSAGE).set(CITIZEN_MESSAGE.DOSSIER_ID, dossierId)
                .set(CITIZEN_MESSAGE.OFFICE_ID, officeId).set(CITIZEN_MESSAGE.KIND, kind)
                .set(CITIZEN_MESSAGE.DIRECTION, "IN").set(CITIZEN_MESSAGE.PHONE, phone)
                .set(CITIZEN_MESSAGE.SMS_INBOUND_ID, inboundId).set(CITIZEN_MESSAGE.DETAIL, detail)
                .set(CITIZEN_MESSAGE.AT, utc(now)).execute();
    }

    /** A reply the citizen asked for: through the outbox, within the number's daily limit. */
    private void reply(DSLContext t, Long dossierId, Long officeId, String kind, String phone, String body,
                       String sid, Instant now) {
        if (sentToday(t, phone, now) >= properties.dailyLimitPerNumber()) {
            t.insertInto(CITIZEN_MESSAGE).set(CITIZEN_MESSAGE.DOSSIER_ID, dossierId)
                    .set(CITIZEN_MESSAGE.OFFICE_ID, officeId).set(CITIZEN_MESSAGE.KIND, kind)
                    .set(CITIZEN_MESSAGE.DIRECTION, "NOT_SENT").set(CITIZEN_MESSAGE.PHONE, phone)
                    .set(CITIZEN_MESSAGE.DETAIL, "DAILY_LIMIT").set(CITIZEN_MESSAGE.AT, utc(now)).execute();
            return;
        }
        String key = "citizen:reply:" + sid;
        outbox.enqueue(t, new Outbox.Message(null, phone, null, null, null, "CITIZEN_REPLY", body, null, key), now);
        Long smsId = t.select(SMS_MESSAGE.ID).from(SMS_MESSAGE).where(SMS_MESSAGE.IDEMPOTENCY_KEY.eq(key))
                .fetchOne(SMS_MESSAGE.ID);
        t.insertInto(CITIZEN_MESSAGE).set(CITIZEN_MESSAGE.DOSSIER_ID, dossierId)
                .set(CITIZEN_MESSAGE.OFFICE_ID, officeId).set(CITIZEN_MESSAGE.KIND, kind)
                .set(CITIZEN_MESSAGE.DIRECTION, "OUT").set(CITIZEN_MESSAGE.PHONE, phone)
                .set(CITIZEN_MESSAGE.SMS_MESSAGE_ID, smsId).set(CITIZEN_MESSAGE.AT, utc(now)).execute();
    }

    private int sentToday(DSLContext t, String phone, Instant now) {
        return t.fetchCount(CITIZEN_MESSAGE, CITIZEN_MESSAGE.PHONE.eq(phone)
                .and(CITIZEN_MESSAGE.DIRECTION.eq("OUT")).and(CITIZEN_MESSAGE.AT.ge(utc(startOfDay(now)))));
    }

    private Instant startOfDay(Instant now) {
        return now.atZone(escalation.zone()).toLocalDate().atStartOfDay(escalation.zone()).toInstant();
    }

    private Map<Placeholder, String> values() {
        List<RatingQuestion> questions = ratings.activeQuestions();
        Map<Placeholder, String> v = new EnumMap<>(Placeholder.class);
        v.put(Placeholder.HOTLINE, properties.hotlineNumber());
        v.put(Placeholder.QUESTIONS, Questions.labels(questions));
        v.put(Placeholder.QUESTION_COUNT, Integer.toString(questions.size()));
        return v;
    }

    private String render(CitizenTemplate kind, Map<Placeholder, String> v) {
        return Texts.render(templates.text(kind), v, properties.maxSegments(), escalation.stripDiacritics()).body();
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
