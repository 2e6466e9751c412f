package vn.dancham.escalation.incident;

import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import vn.dancham.escalation.sms.Outbox;
import vn.dancham.text.StoredText;
import vn.dancham.rating.RatingsHeld;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import static vn.dancham.db.jooq.Tables.INCIDENT;
import static vn.dancham.db.jooq.Tables.INCIDENT_RATING;
import static vn.dancham.db.jooq.Tables.RATING;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/**
 * Alerts follow the evidence: when the answers an incident rests on are held out by the eligibility rules (a
 * LOWEST_ATTITUDE alert raised on an answer that turned out to be part of a flood), the incident is withdrawn
 * (resolved with a note and a WITHDRAWN timeline entry), its SMS not yet handed to Twilio are cancelled, and every
 * leader who was already texted about it gets one short withdrawal SMS, so nobody acts on a rigged alert. An
 * incident that still rests on a counted answer is only annotated. Runs synchronously in the rating's transaction.
 */
final class IncidentWithdrawal {

    private final DSLContext dsl;
    private final IncidentStore store;
    private final Outbox outbox;
    private final IncidentTexts texts;
    private final Clock clock;

    IncidentWithdrawal(DSLContext dsl, IncidentStore store, Outbox outbox, IncidentTexts texts, Clock clock) {
        this.dsl = dsl;
        this.store = store;
        this.outbox = outbox;
        this.texts = texts;
        this.clock = clock;
    }

    @EventListener
    public void on(RatingsHeld e) {
        Instant now = clock.instant();
        dsl.transaction(tx -> {
            DSLContext t = tx.dsl();
            var incidents = t.select(INCIDENT.ID, INCIDENT.CODE)
                    .from(INCIDENT)
                    .where(INCIDENT.ID.in(t.select(INCIDENT_RATING.INCIDENT_ID).from(INCIDENT_RATING)
                            .where(INCIDENT_RATING.RATING_ID.in(e.ratingIds()))))
                    .and(INCIDENT.STATE.ne("RESOLVED"))
                    .orderBy(INCIDENT.ID)
                    .forUpdate()
                    .fetch();
            for (var incident : incidents) {
                long id = incident.value1();
                int stillCounted = t.fetchCount(t.selectOne().from(INCIDENT_RATING).join(RATING)
                        .on(RATING.ID.eq(INCIDENT_RATING.RATING_ID))
                        .where(INCIDENT_RATING.INCIDENT_ID.eq(id)).and(RATING.STATUS.eq("COUNTED")));
                String ratings = "#" + String.join(", #", e.ratingIds().stream().map(String::valueOf).toList());
                StoredText rule = StoredText.word("incident.heldRule", e.rule() == null ? "OTHER" : e.rule());
                if (stillCounted > 0) {
                    store.event(t, id, now, "EVIDENCE_HELD", null,
                            StoredText.of("incident.event.EVIDENCE_HELD", ratings, rule, stillCounted));
                    continue;
                }
                // No typed resolution note: the WITHDRAWN entry says why, in the reader's language.
                store.resolve(t, id, null, now);
                store.event(t, id, now, "WITHDRAWN", null,
                        StoredText.of("incident.event.WITHDRAWN", ratings, rule));
                outbox.cancelPending(t, id);
                List<String> texted = t.selectDistinct(SMS_MESSAGE.TO_PHONE).from(SMS_MESSAGE)
                        .where(SMS_MESSAGE.INCIDENT_ID.eq(id)).and(SMS_MESSAGE.PURPOSE.eq("ALERT"))
                        .and(SMS_MESSAGE.STATE.in("SENDING", "SENT", "DELIVERED", "SIMULATED"))
                        .fetch(SMS_MESSAGE.TO_PHONE);
                String body = texts.withdrawal(incident.value2());
                for (String phone : texted) {
                    outbox.enqueue(t, new Outbox.Message(id, phone, null, null, null, "WITHDRAWAL", body, null,
                            "withdrawal:" + id + ":" + phone), now);
                }
            }
        });
    }
}
