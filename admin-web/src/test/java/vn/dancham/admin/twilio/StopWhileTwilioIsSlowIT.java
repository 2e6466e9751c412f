package vn.dancham.admin.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.escalation.sms.Outbox;
import vn.dancham.escalation.sms.OutboxDispatcher;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.admin.twilio.CitizenSmsTwilio.PATH;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/**
 * The whole application stopped (as a service manager stops it) while a dispatch round is under way. Twilio slow:
 * the stop does not wait for the round — Twilio gets nothing more once the drain is spent, after the message in hand
 * — and the node started again sends the rest, each message once. Before, the stop waited for every message of the
 * round (up to a batch times the request timeout), and a service manager that stops waiting kills the node. Twilio
 * answering: the SMS written just before the stop leave before the node goes, instead of at its next start.
 */
class StopWhileTwilioIsSlowIT {

    static final WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        twilio.start();
        twilio.stubFor(post(urlEqualTo(PATH)).willReturn(CitizenSmsTwilio.created().withFixedDelay(1500)));
        twilio.stubFor(get(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(CitizenSmsTwilio.emptyList())));
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop();
    }

    @Test
    void aNodeStoppedMidRoundHandsNothingMoreToTwilioAndTheNextStartSendsTheRestOnce() throws Exception {
        Path data = Path.of("target", "stop-it", UUID.randomUUID().toString());
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(100_000L, 999_999L));
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            phones.add("+849" + tag + "%02d".formatted(i));
        }
        long stopMillis;
        try (ConfigurableApplicationContext first = start(data, "--dancham.escalation.stop-drain=2s")) {
            DSLContext dsl = first.getBean(DSLContext.class);
            Outbox outbox = first.getBean(Outbox.class);
            Instant now = Instant.now();
            // Written in one transaction, as an incident step writes its SMS: its commit nudges this node's
            // dispatcher, whose round takes all twelve. The stop must let that round go on for the drain (2 s), finish
            // the message in hand then (its answer written down) and hand back the rest. (Quartz's dispatch job is the other round a stop
            // waits for; driving it here reproduced the wait on main — 18.5 s, 12 of 12 at Twilio — and is timed by
            // its 5 s schedule; the nudge fires at once.)
            new TransactionTemplate(first.getBean(PlatformTransactionManager.class)).executeWithoutResult(tx -> {
                for (int i = 0; i < phones.size(); i++) {
                    outbox.enqueue(dsl, new Outbox.Message(null, phones.get(i), "Người nhận " + i, null, null,
                            "DIGEST", "Bao cao ngay " + i, null, "stop-it:" + tag + ":" + i), now);
                }
            });
            Instant giveUp = Instant.now().plusSeconds(60);
            while (posted(tag).isEmpty()) {
                assertThat(Instant.now()).as("the round's first SMS at Twilio").isBefore(giveUp);
                Thread.sleep(10);
            }
            long closing = System.nanoTime();
            first.close();
            stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);
        }
        int atStop = posted(tag).size();
        System.out.println("[stop] the node stopped in " + stopMillis + " ms with " + atStop + " of 12 SMS at Twilio"
                + " (1.5 s each, a 2 s drain)");
        assertThat(atStop).as("what the 2 s drain sends at 1.5 s a message, the message in hand at its end included")
                .isBetween(1, 4);
        assertThat(stopMillis).as("bounded by the drain and one request, not the round's twelve").isLessThan(15_000);

        try (ConfigurableApplicationContext second = start(data)) {
            DSLContext dsl = second.getBean(DSLContext.class);
            assertThat(dsl.fetchCount(SMS_MESSAGE, SMS_MESSAGE.IDEMPOTENCY_KEY.like("stop-it:" + tag + ":%")
                    .and(SMS_MESSAGE.STATE.eq("SENT")))).as("Twilio's answer for the message in hand was written down "
                    + "before the database closed").isEqualTo(atStop);
            second.getBean(OutboxDispatcher.class).dispatchDue();
            Instant giveUp = Instant.now().plusSeconds(120);
            while (dsl.fetchCount(SMS_MESSAGE, SMS_MESSAGE.IDEMPOTENCY_KEY.like("stop-it:" + tag + ":%")
                    .and(SMS_MESSAGE.STATE.in("PENDING", "SENDING"))) > 0) {
                assertThat(Instant.now()).as("all 12 sent after the restart").isBefore(giveUp);
                Thread.sleep(50);
            }
        }
        for (String phone : phones) {
            assertThat(twilio.findAll(postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(
                    "To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)))))
                    .as("one SMS to %s, never two", phone).hasSize(1);
        }
    }

    /** Twilio answering at once: the SMS written just before the stop are at Twilio when the node has stopped. */
    @Test
    void aNodeStoppedJustAfterItsLastSmsWereWrittenSendsThemBeforeItGoes() throws Exception {
        Path data = Path.of("target", "stop-it", UUID.randomUUID().toString());
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(100_000L, 999_999L));
        twilio.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("Nhanh+" + tag)).atPriority(1)
                .willReturn(CitizenSmsTwilio.created()));
        try (ConfigurableApplicationContext node = start(data)) {
            DSLContext dsl = node.getBean(DSLContext.class);
            Outbox outbox = node.getBean(Outbox.class);
            // SMS no round will take before the stop: written without the commit's nudge (as SMS whose retry or
            // bundle fell due while the node stops, when Quartz's job is already on standby). Only the stop's own
            // drain can send them; before it, they waited for the next start.
            outbox.onCommit(() -> { });
            new TransactionTemplate(node.getBean(PlatformTransactionManager.class)).executeWithoutResult(tx -> {
                for (int i = 0; i < 5; i++) {
                    outbox.enqueue(dsl, new Outbox.Message(null, "+848" + tag + "%02d".formatted(i), "Lãnh đạo " + i,
                            null, null, "DIGEST", "Nhanh " + tag + " " + i, null, "drain-it:" + tag + ":" + i),
                            Instant.now());
                }
            });
            node.close();
            assertThat(twilio.findAll(postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("Nhanh+" + tag))))
                    .as("all five at Twilio once the node has stopped").hasSize(5);
        }
        try (ConfigurableApplicationContext again = start(data)) {
            DSLContext dsl = again.getBean(DSLContext.class);
            assertThat(dsl.fetchCount(SMS_MESSAGE, SMS_MESSAGE.IDEMPOTENCY_KEY.like("drain-it:" + tag + ":%")
                    .and(SMS_MESSAGE.STATE.eq("SENT")))).as("written down as sent before the database closed")
                    .isEqualTo(5);
        }
    }

    /** The SMS of this test at Twilio (the other test's are not counted). */
    private static List<?> posted(String tag) {
        return twilio.findAll(postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing(
                "To=" + URLEncoder.encode("+849" + tag, StandardCharsets.UTF_8))));
    }

    private static ConfigurableApplicationContext start(Path data, String... more) {
        return CitizenSmsTwilio.start(data, twilio, more);
    }
}
