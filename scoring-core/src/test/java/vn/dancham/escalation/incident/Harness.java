package vn.dancham.escalation.incident;

import vn.dancham.db.test.TestDatabase;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.MutableClock;
import vn.dancham.escalation.OrgFixture;
import vn.dancham.escalation.TwilioProperties;
import vn.dancham.escalation.roster.JooqDutyRoster;
import vn.dancham.escalation.sms.Outbox;
import vn.dancham.escalation.sms.OutboxDispatcher;
import vn.dancham.escalation.sms.SendResult;
import vn.dancham.escalation.sms.SentLookup;
import vn.dancham.escalation.sms.SmsGateway;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static vn.dancham.escalation.OrgFixture.shift;

/**
 * Escalation wired by hand (what EscalationConfiguration does in Spring) on a fresh PostgreSQL, with a clock the
 * test moves, a small province and a duty roster for its one-stop office: level 1 at the office, levels 2 and 3
 * at the district.
 */
final class Harness implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-11-22T07:05:00Z"); // 14:05 in Quảng Trị
    static final String HEAD = "+84913000001";
    static final String VICE = "+84913000002";
    static final String CHAIR = "+84913000003";

    final TestDatabase db = TestDatabase.fresh();
    final OrgFixture org = OrgFixture.create(db.dsl());
    final MutableClock clock = new MutableClock(T0);
    final EscalationProperties settings;
    final IncidentStore store = new IncidentStore();
    final IncidentTexts texts;
    final Outbox outbox = new Outbox();
    final JooqDutyRoster roster = new JooqDutyRoster(db.dsl());
    final Escalator escalator;
    final IncidentOpening opening;
    final JooqIncidents incidents;
    final WebhookHandling webhooks;
    final DailyDigest digest;
    final OutboxDispatcher dispatcher;

    Harness(SmsGateway gateway, EscalationProperties settings, TwilioProperties twilio) {
        this.settings = settings;
        this.texts = new IncidentTexts(settings, settings.linkBase(twilio));
        this.escalator = new Escalator(db.dsl(), store, roster, outbox, texts, clock);
        this.opening = new IncidentOpening(db.dsl(), store, escalator, texts, settings, clock);
        this.incidents = new JooqIncidents(db.dsl(), store, outbox, clock, !gateway.real());
        this.webhooks = new WebhookHandling(db.dsl(), store, outbox, escalator, texts, settings, clock);
        this.digest = new DailyDigest(db.dsl(), store, roster, outbox, texts, clock, settings.zone());
        this.dispatcher = new OutboxDispatcher(db.dsl(), gateway, clock, settings, twilio, escalator);
    }

    Harness(SmsGateway gateway) {
        this(gateway, EscalationProperties.defaults(), twilio(null));
    }

    static TwilioProperties twilio(String apiBaseUrl) {
        return new TwilioProperties("AC" + "0123456789abcdef0123456789abcdef", "test-auth-token", null, null,
                "+15005550006", null, "https://dancham.example.vn", apiBaseUrl, Duration.ofMillis(800));
    }

    /** The defaults with another max-attempts, so a test can spend them quickly. */
    static EscalationProperties maxAttempts(int n) {
        EscalationProperties d = EscalationProperties.defaults();
        return new EscalationProperties(d.schedulerEnabled(), d.zone(), d.linkBaseUrl(), d.tickInterval(),
                d.dispatchInterval(), d.digestHour(), d.missedCallSeverity(), d.maxSegments(), d.stripDiacritics(),
                d.minIntervalPerRecipient(), d.maxPerRecipientPerHour(), d.sendingLease(), n, d.backoffBase(),
                d.backoffMax(), d.batchSize(), d.bundleMaxSegments(), d.smsReplies(), d.stopDrain());
    }

    Harness withDayRoster() {
        Instant from = T0.minus(Duration.ofDays(1));
        Instant to = T0.plus(Duration.ofDays(7));
        shift(db.dsl(), org.oneStopOffice(), null, 1, "Trần Thị Hoa", HEAD, from, to);
        shift(db.dsl(), null, org.district(), 2, "Phạm Văn Bình", VICE, from, to);
        shift(db.dsl(), null, org.district(), 3, "Lê Văn Cường", CHAIR, from, to);
        return this;
    }

    void policy(String severity, int waitSeconds, int maxLevel, int repeats) {
        db.dsl().execute("UPDATE escalation_policy SET wait_seconds = ?, max_level = ?, repeats = ? WHERE severity = ?",
                waitSeconds, maxLevel, repeats, severity);
    }

    @Override
    public void close() {
        db.close();
    }

    /** A gateway that accepts everything and remembers what it was asked to send. */
    static final class RecordingGateway implements SmsGateway {
        record Sent(String to, String body, String statusCallback) {
        }

        final List<Sent> sent = new CopyOnWriteArrayList<>();
        private final AtomicInteger sids = new AtomicInteger();

        @Override
        public SendResult send(String toPhone, String body, String statusCallback) {
            sent.add(new Sent(toPhone, body, statusCallback));
            return new SendResult.Accepted(String.format("SM%032d", sids.incrementAndGet()), "queued");
        }

        @Override
        public SentLookup findSent(String toPhone, long messageId, java.time.Instant since) {
            // Every send here is accepted and answered, so no message is ever in doubt.
            return new SentLookup.NotFound();
        }

        @Override
        public boolean real() {
            return true;
        }

        List<String> to() {
            return sent.stream().map(Sent::to).toList();
        }
    }
}
