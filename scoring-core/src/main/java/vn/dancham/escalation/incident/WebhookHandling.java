package vn.dancham.escalation.incident;

import org.jooq.DSLContext;
import vn.dancham.db.jooq.tables.records.SmsMessageRecord;
import vn.dancham.escalation.sms.CitizenSmsHandler;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.phone.PhoneNumbers;
import vn.dancham.escalation.SmsWebhooks;
import vn.dancham.escalation.sms.Outbox;
import vn.dancham.escalation.sms.ReplyParser;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static vn.dancham.db.jooq.Tables.DUTY_SHIFT;
import static vn.dancham.db.jooq.Tables.INCIDENT;
import static vn.dancham.db.jooq.Tables.SMS_INBOUND;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/** Delivery states and replies from Twilio, after the web edge has checked their signatures. */
final class WebhookHandling implements SmsWebhooks {

    /** How far a state has come; a late or repeated callback never moves a message back. */
    private static final Map<String, Integer> RANK = Map.of("PENDING", 0, "SENDING", 1, "SENT", 2,
            "DELIVERED", 3, "UNDELIVERED", 3, "FAILED", 3);

    private final DSLContext dsl;
    private final IncidentStore store;
    private final Outbox outbox;
    private final Escalator escalator;
    private final IncidentTexts texts;
    private final EscalationProperties settings;
    private final Clock clock;
    private final CitizenSmsHandler citizens;

    WebhookHandling(DSLContext dsl, IncidentStore store, Outbox outbox, Escalator escalator, IncidentTexts texts,
                    EscalationProperties settings, Clock clock) {
        this(dsl, store, outbox, escalator, texts, settings, clock, null);
    }

    /** With {@code citizens} null, everyone is answered as a leader (escalation on its own, as before issue 17). */
    WebhookHandling(DSLContext dsl, IncidentStore store, Outbox outbox, Escalator escalator, IncidentTexts texts,
                    EscalationProperties settings, Clock clock, CitizenSmsHandler citizens) {
        this.citizens = citizens;
        this.dsl = dsl;
        this.store = store;
        this.outbox = outbox;
        this.escalator = escalator;
        this.texts = texts;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public void status(Status s) {
        String state = switch (s.status() == null ? "" : s.status().toLowerCase()) {
            case "accepted", "queued", "sending", "sent", "scheduled" -> "SENT";
            case "delivered", "read" -> "DELIVERED";
            case "undelivered" -> "UNDELIVERED";
            case "failed", "canceled" -> "FAILED";
            default -> null;
        };
        if (state == null || s.messageSid() == null) {
            return;
        }
        dsl.transaction(tx -> {
            DSLContext t = tx.dsl();
            Instant now = clock.instant();
            SmsMessageRecord m = t.selectFrom(SMS_MESSAGE).where(SMS_MESSAGE.PROVIDER_SID.eq(s.messageSid()))
                    .forUpdate().fetchOne();
            if (m == null && s.ourMessageId() != null) {
                // Our sender may have died before it stored the SID: the callback URL names our message.
                m = t.selectFrom(SMS_MESSAGE).where(SMS_MESSAGE.ID.eq(s.ourMessageId()))
                        .and(SMS_MESSAGE.PROVIDER_SID.isNull()).forUpdate().fetchOne();
            }
            if (m == null || !RANK.containsKey(m.getState()) || RANK.get(m.getState()) >= RANK.get(state)) {
                return;
            }
            m.setProviderSid(s.messageSid());
            if (m.getSentAt() == null) {
                m.setSentAt(IncidentStore.utc(now));
            }
            m.setState(state);
            m.setStatusAt(IncidentStore.utc(now));
            if (s.errorCode() != null && !s.errorCode().isBlank()) {
                try {
                    m.setErrorCode(Integer.valueOf(s.errorCode().strip()));
                } catch (NumberFormatException ignored) {
                    // Keep the text only.
                }
                m.setLastError("Twilio " + s.errorCode().strip() + ": " + s.status());
            }
            m.store();
            List<Long> children = t.select(SMS_MESSAGE.ID).from(SMS_MESSAGE)
                    .where(SMS_MESSAGE.BUNDLED_INTO.eq(m.getId())).orderBy(SMS_MESSAGE.ID).fetch(SMS_MESSAGE.ID);
            if ("SENT".equals(state) || "DELIVERED".equals(state)) {
                // Faster than our own record of Twilio's 201 (or the first word after a lost answer): the leader can
                // read it, so the step's wait starts now if it has not yet.
                escalator.accepted(t, m.getId(), s.status().toLowerCase(), now);
                for (Long child : children) {
                    escalator.accepted(t, child, s.status().toLowerCase(), now);
                }
            }
            if ("FAILED".equals(state) || "UNDELIVERED".equals(state)) {
                escalator.failed(t, m.getId(), now);
                for (Long child : children) {
                    escalator.failed(t, child, now);
                }
            }
        });
    }

    /**
     * The row for this MessageSid is claimed first ({@code INSERT … ON CONFLICT DO NOTHING}): a concurrent copy of
     * the same webhook waits on the unique key until the first commits, then finds its row and answers the same, so
     * duplicates are idempotent 200s rather than unique violations.
     */
    @Override
    public Optional<String> inbound(Inbound in) {
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            Instant now = clock.instant();
            String phone = PhoneNumbers.toE164(in.from()).orElse(in.from() == null ? "" : in.from());
            Long claimed = t.insertInto(SMS_INBOUND)
                    .set(SMS_INBOUND.PROVIDER_SID, in.messageSid())
                    .set(SMS_INBOUND.FROM_PHONE, phone)
                    .set(SMS_INBOUND.TO_PHONE, in.to())
                    .set(SMS_INBOUND.BODY, in.body() == null ? "" : in.body())
                    .set(SMS_INBOUND.RECEIVED_AT, IncidentStore.utc(now))
                    .set(SMS_INBOUND.RESULT, "PROCESSING")
                    .onConflict(SMS_INBOUND.PROVIDER_SID).doNothing()
                    .returningResult(SMS_INBOUND.ID)
                    .fetchOptional(r -> r.value1()).orElse(null);
            if (claimed == null) {
                return Optional.ofNullable(t.select(SMS_INBOUND.REPLY).from(SMS_INBOUND)
                        .where(SMS_INBOUND.PROVIDER_SID.eq(in.messageSid())).fetchOne(SMS_INBOUND.REPLY));
            }
            if (citizens != null && !leader(t, phone, now)) {
                // A citizen: their answers, status requests and opt-outs; what they get back goes through the outbox
                // (counted, limited, on the dossier's timeline), so the TwiML answer itself is empty.
                String result = citizens.handle(t, claimed, in.messageSid(), phone,
                        in.body() == null ? "" : in.body(), now);
                t.update(SMS_INBOUND).set(SMS_INBOUND.RESULT, result).where(SMS_INBOUND.ID.eq(claimed)).execute();
                return Optional.<String>empty();
            }
            Optional<ReplyParser.Ack> ack = ReplyParser.parse(in.body());
            Long incidentId = null;
            String result;
            String reply;
            if (ack.isEmpty()) {
                result = "NOT_UNDERSTOOD";
                reply = texts.help();
            } else {
                List<IncidentSummary> candidates = sentTo(t, phone, ack.get().code().orElse(null));
                List<IncidentSummary> open = candidates.stream().filter(i -> i.state().acknowledgeable()).toList();
                if (open.size() == 1) {
                    IncidentSummary i = open.getFirst();
                    store.lock(t, i.id());
                    JooqIncidents.acknowledge(t, store, outbox, i.id(), phone, now, "SMS");
                    incidentId = i.id();
                    result = "ACKNOWLEDGED";
                    reply = texts.acknowledged(i);
                } else if (open.size() > 1) {
                    result = "AMBIGUOUS";
                    reply = texts.which(open.stream().map(IncidentSummary::code).toList());
                } else if (ack.get().code().isPresent() && !candidates.isEmpty()) {
                    IncidentSummary i = candidates.getFirst();
                    incidentId = i.id();
                    result = "ALREADY_" + i.state().name();
                    reply = texts.alreadyAcknowledged(i, now);
                } else if (ack.get().code().isPresent()) {
                    result = "UNKNOWN_CODE";
                    reply = texts.unknownCode(ack.get().code().get());
                } else {
                    result = "NOTHING_OPEN";
                    reply = texts.nothingOpen();
                }
            }
            // Every reply costs money and answering strangers invites abuse: only leaders get one (by default).
            boolean answer = switch (settings.smsReplies()) {
                case ALL -> true;
                case NONE -> false;
                case ROSTER -> onRoster(t, phone, now);
            };
            t.update(SMS_INBOUND)
                    .set(SMS_INBOUND.INCIDENT_ID, incidentId)
                    .set(SMS_INBOUND.RESULT, result)
                    .set(SMS_INBOUND.REPLY, answer ? reply : null)
                    .where(SMS_INBOUND.ID.eq(claimed))
                    .execute();
            return answer ? Optional.of(reply) : Optional.empty();
        });
    }

    /**
     * A leader: on the duty roster (a shift ending less than 90 days ago, or to come), or a phone an alert, digest or
     * withdrawal went to. Citizens we texted are not leaders.
     */
    private static boolean leader(DSLContext t, String phone, Instant now) {
        return onDutyRoster(t, phone, now) || t.fetchExists(SMS_MESSAGE, SMS_MESSAGE.TO_PHONE.eq(phone)
                .and(SMS_MESSAGE.PURPOSE.in("ALERT", "DIGEST", "WITHDRAWAL")));
    }

    private static boolean onDutyRoster(DSLContext t, String phone, Instant now) {
        var shifts = t.select(DUTY_SHIFT.PHONE).from(DUTY_SHIFT)
                .where(DUTY_SHIFT.ENDS_AT.gt(IncidentStore.utc(now.minus(java.time.Duration.ofDays(90)))))
                .fetch(DUTY_SHIFT.PHONE);
        // Shifts may hold national numbers (imports, demo data): compare in E.164.
        return shifts.stream().anyMatch(p -> PhoneNumbers.toE164(p).orElse(p).equals(phone));
    }

    /** On the duty roster (a shift ending less than 90 days ago, or to come), or a phone we sent an SMS to. */
    private static boolean onRoster(DSLContext t, String phone, Instant now) {
        return onDutyRoster(t, phone, now) || t.fetchExists(SMS_MESSAGE, SMS_MESSAGE.TO_PHONE.eq(phone));
    }

    /**
     * Incidents an SMS went to this phone about (most recent first), with the given code when there is one.
     * Only the phone an alert went to may acknowledge it.
     */
    private List<IncidentSummary> sentTo(DSLContext t, String phone, String code) {
        var q = t.selectDistinct(INCIDENT.fields()).from(INCIDENT)
                .join(SMS_MESSAGE).on(SMS_MESSAGE.INCIDENT_ID.eq(INCIDENT.ID))
                .where(SMS_MESSAGE.TO_PHONE.eq(phone))
                .and(SMS_MESSAGE.STATE.notIn("PENDING", "CANCELLED"));
        if (code != null) {
            q = q.and(INCIDENT.CODE.eq(code));
        } else {
            q = q.and(INCIDENT.STATE.in(IncidentStore.ACKNOWLEDGEABLE));
        }
        return q.orderBy(INCIDENT.OPENED_AT.desc()).fetch(IncidentStore::summary).stream()
                .sorted((a, b) -> Boolean.compare(b.state().acknowledgeable(), a.state().acknowledgeable()))
                .filter(i -> code != null || i.state() != IncidentState.RESOLVED)
                .toList();
    }
}
