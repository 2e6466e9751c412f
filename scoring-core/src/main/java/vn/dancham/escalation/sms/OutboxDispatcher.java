package vn.dancham.escalation.sms;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dancham.db.jooq.tables.records.SmsMessageRecord;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.TwilioProperties;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static vn.dancham.db.jooq.Tables.INCIDENT;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/**
 * Sends what the outbox holds. Safe to run on every node at once: messages are claimed with
 * {@code FOR UPDATE SKIP LOCKED} and marked SENDING (with a lease) in a short transaction; the provider is called
 * outside any transaction; the result is written in another.
 * <p>
 * Exactly once, crashes and lost answers included: a message is handed to the provider only by the node that
 * claimed it, and only while it is SENDING under that node's lease. When an attempt gets no answer (a timeout), or
 * the node dies between handing it over and writing down the provider's id, the message stays SENDING; once its
 * lease ends, the next node first asks the provider whether it holds a message with that exact text for that phone
 * ({@link SmsGateway#findSent}) and only sends if it does not. If the provider cannot be asked, nothing is sent
 * and it asks again later. The status callback URL names our message id as well, so Twilio's first callback
 * usually records the id before any lease ends.
 */
public final class OutboxDispatcher {

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);
    private static final List<String> SENT_STATES = List.of("SENT", "DELIVERED", "UNDELIVERED", "SIMULATED");

    private final DSLContext dsl;
    private final SmsGateway gateway;
    private final Clock clock;
    private final EscalationProperties settings;
    private final String statusCallbackBase;
    private final DeliveryEvents events;
    private final RecipientThrottle throttle;
    private final Backoff backoff;
    /**
     * Set when the node stops: once {@link #drainUntil} has passed, no message is handed to the provider after the one
     * in hand (see {@link #stop(Duration)}).
     */
    private volatile boolean stopping;
    /** {@link System#nanoTime()} at which a stopping node's drain ends. */
    private volatile long drainUntil;

    public OutboxDispatcher(DSLContext dsl, SmsGateway gateway, Clock clock, EscalationProperties settings,
                            TwilioProperties twilio, DeliveryEvents events) {
        this.dsl = dsl;
        this.gateway = gateway;
        this.clock = clock;
        this.settings = settings;
        this.statusCallbackBase = twilio.publicBaseUrl().isBlank() ? null
                : twilio.publicBaseUrl() + "/twilio/status";
        this.events = events;
        this.throttle = new RecipientThrottle(settings.minIntervalPerRecipient(), settings.maxPerRecipientPerHour());
        this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax());
    }

    /**
     * A message handed to the provider in this round; {@code inDoubt} when an earlier attempt of exactly this text
     * got no answer, so the provider is asked before it is sent again; {@code sendIfMissing} false when it must not
     * be sent again whatever the answer (its attempts are spent, or its incident was acknowledged meanwhile): the
     * lookup then only finds out the truth.
     */
    record Claimed(long id, String toPhone, String body, SmsText text, int attempts, boolean inDoubt,
                   boolean sendIfMissing, Instant createdAt) {
    }

    /** Sends everything due now; returns how many messages were handed to the gateway. */
    public int dispatchDue() {
        int total = 0;
        while (true) {
            if (handsNoMore()) {
                return total;
            }
            List<Claimed> claimed = claim(clock.instant());
            for (int i = 0; i < claimed.size(); i++) {
                if (handsNoMore()) {
                    handBack(claimed.subList(i, claimed.size()));
                    return total + i;
                }
                Claimed c = claimed.get(i);
                SendResult result;
                long started = System.nanoTime();
                try {
                    result = c.inDoubt() ? sendUnlessHeld(c) : send(c);
                } catch (RuntimeException e) {
                    // A bug or an unexpected library failure must not strand the message in SENDING.
                    log.warn("SMS gateway failed unexpectedly for message {}", c.id(), e);
                    result = c.inDoubt() ? new SendResult.Unsure("gateway error: " + e)
                            : new SendResult.RetryLater("gateway error: " + e, null);
                }
                Instant done = clock.instant();
                SmsMetrics.sent(result, System.nanoTime() - started, c.createdAt(), done);
                recordSafely(c, result, done);
            }
            total += claimed.size();
            if (claimed.size() < settings.batchSize()) {
                return total;
            }
        }
    }

    /**
     * The node is stopping: for {@code drain} the rounds go on (this one, on the caller's thread, takes what is due
     * and not claimed by another round), so that with a healthy provider the SMS of the node's last calls leave before
     * it goes; then every round hands the provider nothing more after the message in hand (at most a lookup and a
     * send, each bounded by the request timeout) and hands back what it claimed and did not attempt. Without the bound
     * a stop waited for whole rounds — up to a batch of messages times the request timeout, twice for those in doubt,
     * while Twilio hangs — and a service manager that stops waiting kills the node. Messages written after it, or
     * handed back, wait in the outbox for another node or the next start.
     *
     * @return how many messages this call handed to the provider
     */
    public int stop(Duration drain) {
        drainUntil = System.nanoTime() + drain.toNanos();
        stopping = true;
        return drain.isZero() ? 0 : dispatchDue();
    }

    /** {@link #stop(Duration)} without a drain: nothing more after the message in hand. */
    public void stop() {
        stop(Duration.ZERO);
    }

    private boolean handsNoMore() {
        return stopping && System.nanoTime() - drainUntil >= 0;
    }

    /**
     * Dispatching again after {@link #stop} (a stopped context started again, e.g. a paused test context resumed):
     * rounds hand messages to the provider as before.
     */
    public void start() {
        stopping = false;
    }

    /**
     * Claimed messages not attempted: their lease ends now, and the attempt counted when they were claimed is taken
     * back. They stay SENDING with the text they were claimed with (a bundle's carrier keeps the alerts bundled into
     * it), so the next dispatcher takes them as after a crash: it asks the provider first, finds nothing, and sends
     * that text — once.
     */
    private void handBack(List<Claimed> notAttempted) {
        List<Long> ids = notAttempted.stream().map(Claimed::id).toList();
        try {
            int n = dsl.update(SMS_MESSAGE)
                    .set(SMS_MESSAGE.NEXT_ATTEMPT_AT, utc(clock.instant()))
                    .set(SMS_MESSAGE.ATTEMPTS, SMS_MESSAGE.ATTEMPTS.minus(1))
                    .where(SMS_MESSAGE.ID.in(ids)).and(SMS_MESSAGE.STATE.eq("SENDING"))
                    .execute();
            log.info("Stopping: {} SMS claimed but not sent are handed back for another node or the next start", n);
        } catch (RuntimeException e) {
            // Their leases end on their own (sendingLease); they are then taken the same way.
            log.warn("Stopping: could not hand back SMS {}; their leases end on their own", ids, e);
        }
    }

    private SendResult send(Claimed c) {
        return gateway.send(c.toPhone(), c.body(), statusCallbackBase == null ? null
                : statusCallbackBase + "?m=" + c.id());
    }

    /**
     * The earlier attempt got no answer: send only if the provider does not hold the message already. The lookup
     * matches on the row's own reference, so an earlier message with the same words (a repeat round) is never
     * taken for this one.
     */
    private SendResult sendUnlessHeld(Claimed c) {
        // A minute of slack for clocks that differ between this node and the provider.
        SentLookup held = gateway.findSent(c.toPhone(), c.id(), c.createdAt().minus(Duration.ofMinutes(1)));
        return switch (held) {
            case SentLookup.Found f -> {
                log.info("SMS {} was taken by the provider before its answer was lost ({}); not sending it again",
                        c.id(), f.providerSid());
                yield new SendResult.Accepted(f.providerSid(), f.status());
            }
            case SentLookup.NotFound n -> c.sendIfMissing() ? send(c) : new SendResult.NotSent(
                    "not sent again: " + (c.attempts() > settings.maxAttempts()
                            ? "gave up after " + (c.attempts() - 1) + " attempts" : "its incident no longer waits"));
            case SentLookup.Unknown u -> c.sendIfMissing()
                    ? new SendResult.Unsure("cannot check whether the provider has it: " + u.reason())
                    : new SendResult.NotSent("not sent again, and the provider cannot tell whether it has it: "
                    + u.reason());
        };
    }

    List<Claimed> claim(Instant now) {
        return dsl.transactionResult(tx -> {
            DSLContext t = tx.dsl();
            OffsetDateTime n = utc(now);
            List<SmsMessageRecord> due = t.selectFrom(SMS_MESSAGE)
                    .where(SMS_MESSAGE.STATE.in("PENDING", "SENDING"))
                    .and(SMS_MESSAGE.NEXT_ATTEMPT_AT.le(n))
                    // Alerts before citizens' replies before bulk invitations, then the oldest due (SendOrder).
                    .orderBy(SendOrder.rank(SMS_MESSAGE.PURPOSE), SMS_MESSAGE.NEXT_ATTEMPT_AT, SMS_MESSAGE.ID)
                    .limit(settings.batchSize())
                    .forUpdate().skipLocked()
                    .fetch();
            Map<String, List<SmsMessageRecord>> byPhone = new LinkedHashMap<>();
            due.forEach(r -> byPhone.computeIfAbsent(r.getToPhone(), p -> new ArrayList<>()).add(r));
            List<Claimed> claimed = new ArrayList<>();
            for (var e : byPhone.entrySet()) {
                List<SmsMessageRecord> rows = e.getValue();
                // A message whose lease ran out (its sender died, or its attempt got no answer) goes again exactly
                // as it was attempted, with the alerts bundled into it, once the provider says it does not have it.
                for (SmsMessageRecord stale : rows.stream().filter(r -> "SENDING".equals(r.getState())).toList()) {
                    if (stale.getAttempts() == 0) {
                        // Only handBack leaves a message SENDING with no attempt counted: checked all the same.
                        log.info("SMS {} was handed back by a stopping node; checking with the provider before "
                                + "sending it", stale.getId());
                    } else {
                        log.warn("SMS {} is in doubt (an attempt without an answer); checking with the provider",
                                stale.getId());
                    }
                    String attempted = stale.getAttemptBody() != null ? stale.getAttemptBody()
                            : SmsReference.stamp(stale.getBody(), stale.getId());
                    // Bounded on this path too: once its attempts are spent, or nobody waits for it any more, the
                    // provider is only asked what became of it; it is never sent again.
                    boolean spent = stale.getAttempts() >= settings.maxAttempts();
                    boolean wanted = !spent && stillWanted(t, stale);
                    claimed.add(markSending(t, stale, SmsText.of(attempted), now, true, wanted));
                }
                List<SmsMessageRecord> pending = rows.stream().filter(r -> "PENDING".equals(r.getState())).toList();
                if (pending.isEmpty()) {
                    continue;
                }
                Instant allowed = throttle.nextAllowed(recentSends(t, e.getKey(), now), now);
                if (allowed.isAfter(now)) {
                    t.update(SMS_MESSAGE).set(SMS_MESSAGE.NEXT_ATTEMPT_AT, utc(allowed))
                            .where(SMS_MESSAGE.ID.in(pending.stream().map(SmsMessageRecord::getId).toList()))
                            .execute();
                    continue;
                }
                Bundling.Bundle bundle = Bundling.compose(pending.stream()
                        .map(r -> new Bundling.Due(r.getId(), r.getBody(), r.getAlertText())).toList(),
                        settings.bundleMaxSegments(), settings.stripDiacritics());
                SmsText stamped = SmsText.of(SmsReference.stamp(bundle.text().body(), bundle.carrier()));
                SmsMessageRecord carrier = pending.stream().filter(r -> r.getId() == bundle.carrier()).findFirst()
                        .orElseThrow();
                if (!bundle.bundled().isEmpty()) {
                    t.update(SMS_MESSAGE)
                            .set(SMS_MESSAGE.STATE, "BUNDLED")
                            .set(SMS_MESSAGE.BUNDLED_INTO, carrier.getId())
                            .where(SMS_MESSAGE.ID.in(bundle.bundled()))
                            .execute();
                }
                claimed.add(markSending(t, carrier, stamped, now, false, true));
                // Those that did not fit wait for the phone's next allowed SMS.
                List<Long> rest = pending.stream().map(SmsMessageRecord::getId)
                        .filter(id -> id != bundle.carrier() && !bundle.bundled().contains(id)).toList();
                if (!rest.isEmpty()) {
                    t.update(SMS_MESSAGE)
                            .set(SMS_MESSAGE.NEXT_ATTEMPT_AT, utc(now.plus(settings.minIntervalPerRecipient())))
                            .where(SMS_MESSAGE.ID.in(rest)).execute();
                }
            }
            return claimed;
        });
    }

    /**
     * Whether anybody still waits for an alert in doubt: not when its incident was acknowledged or resolved
     * meanwhile (acknowledging cancels only what is PENDING; a message in doubt may be in Twilio's hands). A carrier
     * of other incidents' alerts is always still wanted.
     */
    private static boolean stillWanted(DSLContext t, SmsMessageRecord r) {
        if (r.getIncidentId() == null || !"ALERT".equals(r.getPurpose())
                || t.fetchExists(SMS_MESSAGE, SMS_MESSAGE.BUNDLED_INTO.eq(r.getId()))) {
            return true;
        }
        return t.fetchExists(INCIDENT, INCIDENT.ID.eq(r.getIncidentId())
                .and(INCIDENT.STATE.in("OPEN", "NOTIFIED", "UNACKNOWLEDGED")));
    }

    /** The row keeps its own body until the provider takes the (possibly bundled) text; see {@link #record}. */
    private Claimed markSending(DSLContext t, SmsMessageRecord r, SmsText text, Instant now, boolean inDoubt,
                                boolean sendIfMissing) {
        int attempts = r.getAttempts() + 1;
        t.update(SMS_MESSAGE)
                .set(SMS_MESSAGE.STATE, "SENDING")
                .set(SMS_MESSAGE.ATTEMPTS, attempts)
                .set(SMS_MESSAGE.ATTEMPT_BODY, text.body())
                .set(SMS_MESSAGE.NEXT_ATTEMPT_AT, utc(now.plus(settings.sendingLease())))
                .where(SMS_MESSAGE.ID.eq(r.getId()))
                .execute();
        return new Claimed(r.getId(), r.getToPhone(), text.body(), text, attempts, inDoubt, sendIfMissing,
                r.getCreatedAt().toInstant());
    }

    private List<Instant> recentSends(DSLContext t, String phone, Instant now) {
        List<Instant> sends = new ArrayList<>(t.select(SMS_MESSAGE.SENT_AT).from(SMS_MESSAGE)
                .where(SMS_MESSAGE.TO_PHONE.eq(phone))
                .and(SMS_MESSAGE.STATE.in(SENT_STATES))
                .and(SMS_MESSAGE.SENT_AT.gt(utc(now.minus(Duration.ofHours(1)))))
                .fetch(r -> r.value1().toInstant()));
        // Messages in flight count as sent now.
        int inFlight = t.fetchCount(SMS_MESSAGE, SMS_MESSAGE.TO_PHONE.eq(phone)
                .and(SMS_MESSAGE.STATE.eq("SENDING")).and(SMS_MESSAGE.NEXT_ATTEMPT_AT.gt(utc(now))));
        for (int i = 0; i < inFlight; i++) {
            sends.add(now);
        }
        return sends;
    }

    /**
     * Records the result; when that fails (a bug, a constraint, the database gone for a moment) the message is not
     * left to loop: the failure is written on it in a fresh transaction, its lease turns into a backoff, and once its
     * attempts are spent it ends FAILED. The other messages of the round are recorded regardless.
     */
    void recordSafely(Claimed c, SendResult result, Instant now) {
        try {
            record(c, result, now);
        } catch (RuntimeException e) {
            log.error("Could not record the result of SMS {} ({}): {}", c.id(), result, e.toString());
            try {
                dsl.transaction(tx -> {
                    String error = "could not record " + result + ": " + e;
                    if (c.attempts() >= settings.maxAttempts()) {
                        fail(tx.dsl(), c.id(), null, "gave up after " + c.attempts() + " attempts: " + error, now);
                    } else {
                        tx.dsl().update(SMS_MESSAGE)
                                .set(SMS_MESSAGE.LAST_ERROR, truncate(error))
                                .set(SMS_MESSAGE.NEXT_ATTEMPT_AT,
                                        utc(now.plus(backoff.delay(c.attempts(), null))))
                                .where(SMS_MESSAGE.ID.eq(c.id())).and(SMS_MESSAGE.STATE.eq("SENDING"))
                                .execute();
                    }
                });
            } catch (RuntimeException again) {
                // The lease still ends, and the next claim counts one more attempt against max-attempts.
                log.error("Could not record the failure of SMS {} either: {}", c.id(), again.toString());
            }
        }
    }

    void record(Claimed c, SendResult result, Instant now) {
        dsl.transaction(tx -> {
            DSLContext t = tx.dsl();
            OffsetDateTime n = utc(now);
            switch (result) {
                case SendResult.Accepted a -> {
                    int updated = t.update(SMS_MESSAGE)
                            .set(SMS_MESSAGE.STATE, "SENT")
                            .set(SMS_MESSAGE.BODY, c.body())
                            .set(SMS_MESSAGE.ENCODING, c.text().encoding().name())
                            .set(SMS_MESSAGE.SEGMENTS, (short) c.text().segments())
                            .set(SMS_MESSAGE.PROVIDER_SID, a.providerSid())
                            .set(SMS_MESSAGE.SENT_AT, n)
                            .set(SMS_MESSAGE.STATUS_AT, n)
                            .set(SMS_MESSAGE.LAST_ERROR, (String) null)
                            .where(SMS_MESSAGE.ID.eq(c.id())).and(SMS_MESSAGE.STATE.eq("SENDING"))
                            .execute();
                    if (updated == 0) {
                        // The status callback was faster and already recorded the SID, a later state and the event.
                        log.debug("SMS {} already advanced by a status callback", c.id());
                    } else {
                        acceptedWithBundle(t, c.id(), a.status(), now);
                    }
                }
                case SendResult.Simulated s -> {
                    int updated = t.update(SMS_MESSAGE)
                            .set(SMS_MESSAGE.STATE, "SIMULATED")
                            .set(SMS_MESSAGE.BODY, c.body())
                            .set(SMS_MESSAGE.ENCODING, c.text().encoding().name())
                            .set(SMS_MESSAGE.SEGMENTS, (short) c.text().segments())
                            .set(SMS_MESSAGE.SENT_AT, n)
                            .set(SMS_MESSAGE.STATUS_AT, n)
                            .where(SMS_MESSAGE.ID.eq(c.id())).and(SMS_MESSAGE.STATE.eq("SENDING"))
                            .execute();
                    if (updated > 0) {
                        // Escalation goes on as it would with real SMS (a demo must show the chain).
                        acceptedWithBundle(t, c.id(), "simulated", now);
                    }
                }
                case SendResult.Rejected r -> fail(t, c.id(), r.errorCode(),
                        (r.errorCode() == null ? "" : r.errorCode() + " ") + r.message(), now);
                case SendResult.NotSent ns -> {
                    if (c.attempts() > settings.maxAttempts()) {
                        fail(t, c.id(), null, ns.reason(), now);
                    } else {
                        cancel(t, c.id(), ns.reason(), now);
                    }
                }
                case SendResult.Unsure u -> {
                    if (c.attempts() >= settings.maxAttempts()) {
                        fail(t, c.id(), null, "gave up after " + c.attempts() + " attempts: " + u.reason(), now);
                    } else {
                        // Stays SENDING, bundle and all: when the lease below ends, the provider is asked first.
                        Instant retryAt = now.plus(backoff.delay(c.attempts(), null));
                        int updated = t.update(SMS_MESSAGE)
                                .set(SMS_MESSAGE.LAST_ERROR, truncate(u.reason()))
                                .set(SMS_MESSAGE.NEXT_ATTEMPT_AT, utc(retryAt))
                                .where(SMS_MESSAGE.ID.eq(c.id())).and(SMS_MESSAGE.STATE.eq("SENDING"))
                                .execute();
                        if (updated > 0 && c.attempts() == 1) {
                            delayedWithBundle(t, c.id(), u.reason(), retryAt, now);
                        }
                    }
                }
                case SendResult.RetryLater r -> {
                    if (c.attempts() >= settings.maxAttempts()) {
                        fail(t, c.id(), null, "gave up after " + c.attempts() + " attempts: " + r.reason(), now);
                    } else {
                        Duration delay = backoff.delay(c.attempts(), r.retryAfter());
                        int updated = t.update(SMS_MESSAGE)
                                .set(SMS_MESSAGE.STATE, "PENDING")
                                .set(SMS_MESSAGE.LAST_ERROR, truncate(r.reason()))
                                .set(SMS_MESSAGE.NEXT_ATTEMPT_AT, utc(now.plus(delay)))
                                .where(SMS_MESSAGE.ID.eq(c.id())).and(SMS_MESSAGE.STATE.eq("SENDING"))
                                .execute();
                        if (updated > 0) {
                            if (c.attempts() == 1) {
                                // Told once per message, at its first setback; the web shows the rest live.
                                delayedWithBundle(t, c.id(), r.reason(), now.plus(delay), now);
                            }
                            // The alerts it carried are composed again at the next attempt, so an alert
                            // acknowledged meanwhile is left out.
                            unbundle(t, c.id(), now.plus(delay));
                        }
                    }
                }
            }
        });
    }

    /** The message and every alert bundled into it reached the provider. */
    private void acceptedWithBundle(DSLContext t, long id, String status, Instant now) {
        events.accepted(t, id, status, now);
        for (Long child : children(t, id)) {
            events.accepted(t, child, status, now);
        }
    }

    private void delayedWithBundle(DSLContext t, long id, String reason, Instant retryAt, Instant now) {
        events.delayed(t, id, reason, retryAt, now);
        for (Long child : children(t, id)) {
            events.delayed(t, child, reason, retryAt, now);
        }
    }

    private static List<Long> children(DSLContext t, long carrier) {
        return t.select(SMS_MESSAGE.ID).from(SMS_MESSAGE).where(SMS_MESSAGE.BUNDLED_INTO.eq(carrier))
                .orderBy(SMS_MESSAGE.ID).fetch(SMS_MESSAGE.ID);
    }

    private static void unbundle(DSLContext t, long carrier, Instant nextAttempt) {
        t.update(SMS_MESSAGE).set(SMS_MESSAGE.STATE, "PENDING")
                .set(SMS_MESSAGE.BUNDLED_INTO, (Long) null)
                .set(SMS_MESSAGE.NEXT_ATTEMPT_AT, utc(nextAttempt))
                .where(SMS_MESSAGE.BUNDLED_INTO.eq(carrier)).execute();
    }

    /** Nobody waits for it any more (its incident was acknowledged or resolved) and it was never taken. */
    private static void cancel(DSLContext t, long id, String reason, Instant now) {
        t.update(SMS_MESSAGE)
                .set(SMS_MESSAGE.STATE, "CANCELLED")
                .set(SMS_MESSAGE.LAST_ERROR, truncate(reason))
                .set(SMS_MESSAGE.STATUS_AT, utc(now))
                .where(SMS_MESSAGE.ID.eq(id)).and(SMS_MESSAGE.STATE.eq("SENDING"))
                .execute();
    }

    private void fail(DSLContext t, long id, Integer code, String error, Instant now) {
        int updated = t.update(SMS_MESSAGE)
                .set(SMS_MESSAGE.STATE, "FAILED")
                .set(SMS_MESSAGE.ERROR_CODE, code)
                .set(SMS_MESSAGE.LAST_ERROR, truncate(error))
                .set(SMS_MESSAGE.STATUS_AT, utc(now))
                .where(SMS_MESSAGE.ID.eq(id)).and(SMS_MESSAGE.STATE.eq("SENDING"))
                .execute();
        if (updated > 0) {
            // The alerts it carried went nowhere either.
            List<Long> children = t.select(SMS_MESSAGE.ID).from(SMS_MESSAGE)
                    .where(SMS_MESSAGE.BUNDLED_INTO.eq(id)).fetch(SMS_MESSAGE.ID);
            t.update(SMS_MESSAGE).set(SMS_MESSAGE.STATE, "FAILED").set(SMS_MESSAGE.BUNDLED_INTO, (Long) null)
                    .set(SMS_MESSAGE.ERROR_CODE, code).set(SMS_MESSAGE.LAST_ERROR, truncate(error))
                    .set(SMS_MESSAGE.STATUS_AT, utc(now))
                    .where(SMS_MESSAGE.ID.in(children)).execute();
            events.failed(t, id, now);
            for (Long child : children) {
                events.failed(t, child, now);
            }
        }
    }

    static String truncate(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) : s;
    }

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
