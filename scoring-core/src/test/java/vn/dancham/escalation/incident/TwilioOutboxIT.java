package vn.dancham.escalation.incident;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.SmsView;
import vn.dancham.escalation.sms.SmsGateways;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.escalation.incident.Harness.HEAD;
import static vn.dancham.escalation.incident.Harness.T0;
import static vn.dancham.escalation.incident.Harness.VICE;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/**
 * The outbox against WireMock playing Twilio's Messages API with Twilio's own request and response shapes
 * (twilio_api_v2010.json: CreateMessage, form-encoded, 201 with the message resource, error bodies with code,
 * message, more_info, status), through the real Twilio SDK.
 */
class TwilioOutboxIT {

    static final String ACCOUNT = "AC" + "0123456789abcdef0123456789abcdef"; // placeholder
    static final String PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";

    WireMockServer twilio;
    Harness h;

    @BeforeEach
    void setUp() {
        twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        twilio.start();
        // Twilio's Message list, filtered by recipient: nothing there unless a test says otherwise.
        twilio.stubFor(get(urlPathEqualTo(PATH)).atPriority(10).willReturn(list()));
        h = new Harness(SmsGateways.create(Harness.twilio(twilio.baseUrl())), vn.dancham.escalation
                .EscalationProperties.defaults(), Harness.twilio(twilio.baseUrl())).withDayRoster();
    }

    @AfterEach
    void tearDown() {
        h.close();
        twilio.stop();
    }

    static String message(String sid, String to, String status) {
        return """
                {"account_sid": "%s", "api_version": "2010-04-01", "body": "…",
                 "date_created": "Sun, 22 Nov 2026 07:05:01 +0000", "date_sent": null,
                 "date_updated": "Sun, 22 Nov 2026 07:05:01 +0000", "direction": "outbound-api",
                 "error_code": null, "error_message": null, "from": "+15005550006", "messaging_service_sid": null,
                 "num_media": "0", "num_segments": "3", "price": null, "price_unit": "USD", "sid": "%s",
                 "status": "%s", "subresource_uris": {"media": "/2010-04-01/Accounts/%s/Messages/%s/Media.json"},
                 "to": "%s", "uri": "/2010-04-01/Accounts/%s/Messages/%s.json"}
                """.formatted(ACCOUNT, sid, status, ACCOUNT, sid, to, ACCOUNT, sid);
    }

    static ResponseDefinitionBuilder created(String sid, String to) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(message(sid, to, "queued"));
    }

    /** Twilio's ListMessageResponse page holding these messages (JSON objects as {@link #message} makes them). */
    static ResponseDefinitionBuilder list(String... messages) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"end": %d, "first_page_uri": "%s?PageSize=50&Page=0", "next_page_uri": null,
                 "page": 0, "page_size": 50, "previous_page_uri": null, "start": 0,
                 "uri": "%s?PageSize=50&Page=0", "messages": [%s]}
                """.formatted(Math.max(messages.length - 1, 0), PATH, PATH, String.join(", ", messages)));
    }

    /**
     * A node stopping while Twilio is slow: the dispatch round under way hands nothing more to Twilio after the
     * message in hand, so the stop waits for one request instead of the whole round (a batch of requests, each up to
     * the timeout); what it claimed and did not send is handed back and sent by the next dispatcher, each message
     * once, after asking Twilio whether it has it (as after a crash).
     */
    @Test
    void aStoppingNodeSendsNothingAfterTheMessageInHandAndTheNextDispatcherSendsTheRestOnce() throws Exception {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String phone = "+8491400000" + i;
            phones.add(phone);
            // Slow but answering: 300 ms a message, within the client's 800 ms timeout.
            twilio.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("To=" + java.net.URLEncoder.encode(phone,
                            java.nio.charset.StandardCharsets.UTF_8)))
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody(message("SM" + "%032d".formatted(i), phone, "queued")).withFixedDelay(300)));
            h.outbox.enqueue(h.db.dsl(), new vn.dancham.escalation.sms.Outbox.Message(null, phone, "Người nhận " + i,
                    null, null, "DIGEST", "Tin số " + i, null, "stop-test:" + i), T0);
        }

        var round = java.util.concurrent.CompletableFuture.supplyAsync(h.dispatcher::dispatchDue);
        long giveUp = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (twilio.findAll(postRequestedFor(urlEqualTo(PATH))).isEmpty() && System.nanoTime() < giveUp) {
            Thread.sleep(5);
        }
        h.dispatcher.stop();
        int handed = round.get(30, java.util.concurrent.TimeUnit.SECONDS);
        int posted = twilio.findAll(postRequestedFor(urlEqualTo(PATH))).size();
        assertThat(handed).as("the message in hand, perhaps the next one begun as stop was asked").isBetween(1, 2)
                .isEqualTo(posted);
        assertThat(h.dispatcher.dispatchDue()).as("a stopped dispatcher claims nothing").isZero();
        var waiting = h.db.dsl().selectFrom(SMS_MESSAGE).where(SMS_MESSAGE.STATE.eq("SENDING")).fetch();
        assertThat(waiting).hasSize(8 - posted).allSatisfy(m -> {
            assertThat(m.getAttempts()).as("not attempted: the claim's attempt is taken back").isZero();
            assertThat(m.getNextAttemptAt().toInstant()).as("its lease ended").isBeforeOrEqualTo(T0);
        });

        // The next node (or this one started again).
        var next = new vn.dancham.escalation.sms.OutboxDispatcher(h.db.dsl(),
                SmsGateways.create(Harness.twilio(twilio.baseUrl())), h.clock, vn.dancham.escalation
                .EscalationProperties.defaults(), Harness.twilio(twilio.baseUrl()), h.escalator);
        assertThat(next.dispatchDue()).isEqualTo(8 - posted);
        assertThat(twilio.findAll(getRequestedFor(urlPathEqualTo(PATH)))).as("Twilio asked first about each")
                .hasSize(8 - posted);
        var posts = twilio.findAll(postRequestedFor(urlEqualTo(PATH)));
        assertThat(posts).hasSize(8);
        assertThat(posts.stream().map(r -> java.net.URLDecoder.decode(r.getBodyAsString(),
                java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?s).*To=(\\+\\d+).*", "$1")).toList())
                .as("each message once").containsExactlyInAnyOrderElementsOf(phones);
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE, SMS_MESSAGE.STATE.eq("SENT"))).isEqualTo(8);
        assertThat(h.db.dsl().selectFrom(SMS_MESSAGE).fetch()).allSatisfy(m -> assertThat(m.getAttempts()).isEqualTo(1));
    }

    /**
     * A node stopping while Twilio answers: for the drain it goes on handing due SMS to Twilio (those of its last
     * calls), so that with a healthy Twilio nothing waits for the next start; when the drain is spent it hands back
     * what is left, to be sent once by the next dispatcher.
     */
    @Test
    void aStoppingNodeDrainsTheOutboxWhileTwilioAnswersAndHandsBackWhatTheDrainLeaves() throws Exception {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String phone = "+8491500000" + "%02d".formatted(i);
            phones.add(phone);
            twilio.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("To=" + java.net.URLEncoder.encode(phone,
                            java.nio.charset.StandardCharsets.UTF_8)))
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withBody(message("SM" + "%032d".formatted(i), phone, "queued"))
                            .withFixedDelay(i < 6 ? 0 : 400)));
        }
        // Six SMS written just before the stop, Twilio answering at once: all leave within the drain.
        for (int i = 0; i < 6; i++) {
            h.outbox.enqueue(h.db.dsl(), new vn.dancham.escalation.sms.Outbox.Message(null, phones.get(i),
                    "Người nhận " + i, null, null, "DIGEST", "Tin số " + i, null, "drain-test:" + i), T0);
        }
        assertThat(h.dispatcher.stop(java.time.Duration.ofSeconds(30))).isEqualTo(6);
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE, SMS_MESSAGE.STATE.eq("SENT"))).isEqualTo(6);
        assertThat(h.dispatcher.dispatchDue()).as("stopped: the drain is over").isZero();

        // Started again, then stopped with six more due and Twilio taking 400 ms each: a 1 s drain sends some and
        // hands the rest back (not attempted, lease ended), for the next dispatcher to send once.
        h.dispatcher.start();
        for (int i = 6; i < 12; i++) {
            h.outbox.enqueue(h.db.dsl(), new vn.dancham.escalation.sms.Outbox.Message(null, phones.get(i),
                    "Người nhận " + i, null, null, "DIGEST", "Tin số " + i, null, "drain-test:" + i), T0);
        }
        int drained = h.dispatcher.stop(java.time.Duration.ofSeconds(1));
        assertThat(drained).as("what 1 s of a 400 ms Twilio sends, the message in hand at its end included")
                .isBetween(1, 5);
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(PATH)))).hasSize(6 + drained);
        assertThat(h.db.dsl().selectFrom(SMS_MESSAGE).where(SMS_MESSAGE.STATE.eq("SENDING")).fetch())
                .hasSize(6 - drained).allSatisfy(m -> assertThat(m.getAttempts()).isZero());

        var next = new vn.dancham.escalation.sms.OutboxDispatcher(h.db.dsl(),
                SmsGateways.create(Harness.twilio(twilio.baseUrl())), h.clock, vn.dancham.escalation
                .EscalationProperties.defaults(), Harness.twilio(twilio.baseUrl()), h.escalator);
        assertThat(next.dispatchDue()).isEqualTo(6 - drained);
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(PATH))).stream().map(r -> java.net.URLDecoder.decode(
                r.getBodyAsString(), java.nio.charset.StandardCharsets.UTF_8).replaceAll("(?s).*To=(\\+\\d+).*", "$1"))
                .toList()).as("each message once").containsExactlyInAnyOrderElementsOf(phones);
        assertThat(h.db.dsl().fetchCount(SMS_MESSAGE, SMS_MESSAGE.STATE.eq("SENT"))).isEqualTo(12);
    }

    /** The form parameter {@code Body} of the first POST Twilio received. */
    String firstPostedBody() {
        String form = twilio.findAll(postRequestedFor(urlEqualTo(PATH))).getFirst().getBodyAsString();
        for (String pair : form.split("&")) {
            if (pair.startsWith("Body=")) {
                return java.net.URLDecoder.decode(pair.substring(5), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no Body in " + form);
    }

    static ResponseDefinitionBuilder error(int status, int code, String text) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}
                        """.formatted(code, text, code, status));
    }

    void report() {
        h.opening.on(new HarassmentReported(1, null, null, "2026001234", h.org.oneStopOffice(), h.org.officer(),
                "0905123456", T0));
    }

    SmsView onlyMessage() {
        List<SmsView> m = h.incidents.find(h.incidents.list(IncidentFilter.all()).getFirst().id()).orElseThrow()
                .messages();
        assertThat(m).hasSize(1);
        return m.getFirst();
    }

    @Test
    void a201WithASidMarksTheMessageSentAndTheRequestIsWhatTwilioExpects() {
        twilio.stubFor(post(urlEqualTo(PATH)).willReturn(created("SM00000000000000000000000000000001", HEAD)));
        report();

        assertThat(h.dispatcher.dispatchDue()).isEqualTo(1);

        SmsView m = onlyMessage();
        assertThat(m.state()).isEqualTo("SENT");
        assertThat(m.providerSid()).isEqualTo("SM00000000000000000000000000000001");
        assertThat(m.attempts()).isEqualTo(1);
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withHeader("Authorization", equalTo("Basic " + java.util.Base64.getEncoder()
                        .encodeToString((ACCOUNT + ":test-auth-token").getBytes())))
                .withFormParam("To", equalTo(HEAD))
                .withFormParam("From", equalTo("+15005550006"))
                .withFormParam("Body", matching("\\[Dan Cham\\] KHAN [0-9]{4}: phan anh voi vinh tai Bo phan 1 cua "
                        + "huyen Gio Linh.* #[0-9A-Z]+"))
                .withFormParam("StatusCallback", equalTo("https://dancham.example.vn/twilio/status?m=" + m.id())));
        // Nothing more to send.
        assertThat(h.dispatcher.dispatchDue()).isZero();
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void invalidNumber21211FailsTheMessageAndTheNextContactIsToldAtOnce() {
        twilio.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("To=%2B84913000001"))
                .willReturn(error(400, 21211, "The 'To' number +84913000001 is not a valid phone number.")));
        twilio.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("To=%2B84913000002"))
                .willReturn(created("SM00000000000000000000000000000002", VICE)));
        report();

        h.dispatcher.dispatchDue();
        SmsView failed = onlyMessage();
        assertThat(failed.state()).isEqualTo("FAILED");
        assertThat(failed.lastError()).startsWith("21211 ");
        IncidentSummary i = h.incidents.list(IncidentFilter.all()).getFirst();
        assertThat(i.nextStepAt()).isEqualTo(T0);

        assertThat(h.escalator.advanceDue()).isEqualTo(1);
        h.dispatcher.dispatchDue();
        List<SmsView> all = h.incidents.find(i.id()).orElseThrow().messages();
        assertThat(all).extracting(SmsView::toPhone, SmsView::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(HEAD, "FAILED"),
                        org.assertj.core.groups.Tuple.tuple(VICE, "SENT"));
        // The failed number is not tried again.
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("To=%2B84913000001")));
    }

    @Test
    void a429IsRetriedNoEarlierThanItsRetryAfter() {
        twilio.stubFor(post(urlEqualTo(PATH)).willReturn(error(429, 20429, "Too Many Requests")
                .withHeader("Retry-After", "30")));
        report();

        h.dispatcher.dispatchDue();
        SmsView m = onlyMessage();
        assertThat(m.state()).isEqualTo("PENDING");
        assertThat(m.lastError()).contains("HTTP 429");
        assertThat(m.nextAttemptAt()).isEqualTo(T0.plusSeconds(30));
        h.clock.advance(Duration.ofSeconds(29));
        assertThat(h.dispatcher.dispatchDue()).isZero();
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH)));
    }

    @Test
    void a500AndATimeoutAreRetriedWithExponentialBackoff() {
        twilio.stubFor(post(urlEqualTo(PATH)).inScenario("faults").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(500, 20500, "Internal Server Error")).willSetStateTo("slow"));
        twilio.stubFor(post(urlEqualTo(PATH)).inScenario("faults").whenScenarioStateIs("slow")
                .willReturn(created("SM00000000000000000000000000000009", HEAD).withFixedDelay(3000)));
        report();

        h.dispatcher.dispatchDue();
        assertThat(onlyMessage().nextAttemptAt()).isEqualTo(T0.plusSeconds(5));
        h.clock.advance(Duration.ofSeconds(5));
        h.dispatcher.dispatchDue();
        SmsView afterTimeout = onlyMessage();
        // No answer: Twilio may have it, so the message stays SENDING until it is looked up there.
        assertThat(afterTimeout.state()).isEqualTo("SENDING");
        assertThat(afterTimeout.lastError()).startsWith("no response");
        assertThat(afterTimeout.nextAttemptAt()).isEqualTo(T0.plusSeconds(5 + 10));
        assertThat(afterTimeout.attempts()).isEqualTo(2);
    }

    @Test
    void afterA429AServerErrorAndATimeoutTheOutboxDeliversExactlyOnce() {
        twilio.stubFor(post(urlEqualTo(PATH)).inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(429, 20429, "Too Many Requests").withHeader("Retry-After", "12"))
                .willSetStateTo("500"));
        twilio.stubFor(post(urlEqualTo(PATH)).inScenario("outage").whenScenarioStateIs("500")
                .willReturn(error(503, 20503, "Service Unavailable")).willSetStateTo("timeout"));
        twilio.stubFor(post(urlEqualTo(PATH)).inScenario("outage").whenScenarioStateIs("timeout")
                .willReturn(error(500, 20500, "late").withFixedDelay(3000)).willSetStateTo("up"));
        twilio.stubFor(post(urlEqualTo(PATH)).inScenario("outage").whenScenarioStateIs("up")
                .willReturn(created("SM0000000000000000000000000000000a", HEAD)));
        report();

        // Dispatch every 5 simulated seconds for ten minutes, as the job would.
        for (int i = 0; i < 120; i++) {
            h.dispatcher.dispatchDue();
            h.clock.advance(Duration.ofSeconds(5));
        }
        SmsView m = onlyMessage();
        assertThat(m.state()).isEqualTo("SENT");
        assertThat(m.providerSid()).isEqualTo("SM0000000000000000000000000000000a");
        assertThat(m.attempts()).isEqualTo(4);
        // Four requests: three faults and one success; nothing after the success.
        twilio.verify(4, postRequestedFor(urlEqualTo(PATH)));
        assertThat(h.incidents.backlog().waiting()).isEmpty();
    }

    @Test
    void withoutCredentialsMessagesAreSimulatedNeverSent() {
        var noCredentials = new vn.dancham.escalation.TwilioProperties(null, null, null, null, null, null,
                "https://dancham.example.vn", twilio.baseUrl(), Duration.ofSeconds(1));
        try (Harness simulated = new Harness(SmsGateways.create(noCredentials),
                vn.dancham.escalation.EscalationProperties.defaults(), noCredentials).withDayRoster()) {
            simulated.opening.on(new HarassmentReported(1, null, null, null, simulated.org.oneStopOffice(), null,
                    null, Instant.parse("2026-11-22T07:05:00Z")));
            simulated.dispatcher.dispatchDue();
            SmsView m = simulated.incidents.find(simulated.incidents.list(IncidentFilter.all()).getFirst().id())
                    .orElseThrow().messages().getFirst();
            assertThat(m.state()).isEqualTo("SIMULATED");
            assertThat(m.simulated()).isTrue();
            assertThat(m.providerSid()).isNull();
            assertThat(simulated.incidents.backlog().simulatedGateway()).isTrue();
        }
        twilio.verify(0, postRequestedFor(urlEqualTo(PATH)));
    }
    @Test
    void aMessageTwilioTookWhileItsAnswerWasLostIsLookedUpAndNeverSentTwice() {
        // Twilio creates the message, but its answer comes after our timeout (as when a node dies right then).
        twilio.stubFor(post(urlEqualTo(PATH))
                .willReturn(created("SM000000000000000000000000000000bb", HEAD).withFixedDelay(3000)));
        report();
        h.dispatcher.dispatchDue();
        assertThat(onlyMessage().state()).isEqualTo("SENDING");

        String body = firstPostedBody();
        String held = message("SM000000000000000000000000000000bb", HEAD, "delivered")
                .replace("\"body\": \"…\"", "\"body\": \"" + body.replace("\"", "\\\"") + "\"")
                .replace("Sun, 22 Nov 2026 07:05:01 +0000", "Sun, 22 Nov 2026 07:05:00 +0000");
        twilio.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("To", equalTo(HEAD)).atPriority(1)
                .willReturn(list(held)));
        for (int i = 0; i < 60; i++) {
            h.clock.advance(Duration.ofSeconds(5));
            h.dispatcher.dispatchDue();
        }

        SmsView m = onlyMessage();
        assertThat(m.state()).isEqualTo("SENT");
        assertThat(m.providerSid()).isEqualTo("SM000000000000000000000000000000bb");
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH)));
        twilio.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("To", equalTo(HEAD)));
    }

    @Test
    void whenTwilioCannotBeAskedNothingIsSentUntilItCan() {
        twilio.stubFor(post(urlEqualTo(PATH)).inScenario("doubt").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(500, 20500, "late").withFixedDelay(3000)).willSetStateTo("up"));
        twilio.stubFor(post(urlEqualTo(PATH)).inScenario("doubt").whenScenarioStateIs("up")
                .willReturn(created("SM000000000000000000000000000000cc", HEAD)));
        twilio.stubFor(get(urlPathEqualTo(PATH)).inScenario("lookup").whenScenarioStateIs(Scenario.STARTED)
                .atPriority(1).willReturn(error(503, 20503, "Service Unavailable")).willSetStateTo("answers"));
        report();
        h.dispatcher.dispatchDue();                 // no answer
        h.clock.advance(Duration.ofMinutes(1));
        h.dispatcher.dispatchDue();                 // the lookup fails: nothing is sent
        assertThat(onlyMessage().state()).isEqualTo("SENDING");
        assertThat(onlyMessage().lastError()).startsWith("cannot check");
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH)));

        h.clock.advance(Duration.ofMinutes(5));
        h.dispatcher.dispatchDue();                 // Twilio holds nothing, so it is sent
        assertThat(onlyMessage().state()).isEqualTo("SENT");
        assertThat(onlyMessage().providerSid()).isEqualTo("SM000000000000000000000000000000cc");
        twilio.verify(2, postRequestedFor(urlEqualTo(PATH)));
    }

    /** The Body form parameter of every POST Twilio received, in order. */
    List<String> postedBodies() {
        return twilio.findAll(postRequestedFor(urlEqualTo(PATH))).stream().map(r -> {
            for (String pair : r.getBodyAsString().split("&")) {
                if (pair.startsWith("Body=")) {
                    return java.net.URLDecoder.decode(pair.substring(5), java.nio.charset.StandardCharsets.UTF_8);
                }
            }
            throw new AssertionError("no Body in " + r.getBodyAsString());
        }).toList();
    }

    /** A message as Twilio lists it: this body, created at this instant. */
    static String held(String sid, String to, String status, String body, Instant created) {
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(created.atOffset(
                java.time.ZoneOffset.UTC));
        return message(sid, to, status)
                .replace("\"body\": \"…\"", "\"body\": \"" + body.replace("\"", "\\\"") + "\"")
                .replace("Sun, 22 Nov 2026 07:05:01 +0000", date);
    }

    List<SmsView> messages() {
        return h.incidents.find(h.incidents.list(IncidentFilter.all()).getFirst().id()).orElseThrow().messages();
    }

    @Test
    void anIdenticalRepeatWhoseAnswerWasLostIsNeverTakenForTheRoundBefore() {
        // One level, two repeats, a minute apart: round 2 says word for word what round 1 said.
        h.policy("URGENT", 60, 1, 2);
        twilio.stubFor(post(urlEqualTo(PATH)).inScenario("repeat").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(created("SM000000000000000000000000000000a0", HEAD)).willSetStateTo("round1"));
        twilio.stubFor(post(urlEqualTo(PATH)).inScenario("repeat").whenScenarioStateIs("round1")
                .willReturn(created("SM000000000000000000000000000000a1", HEAD)).willSetStateTo("hang"));
        // The second repeat's POST hangs and Twilio drops it: it never holds that message.
        twilio.stubFor(post(urlEqualTo(PATH)).inScenario("repeat").whenScenarioStateIs("hang")
                .willReturn(error(500, 20500, "late").withFixedDelay(3000)).willSetStateTo("up"));
        twilio.stubFor(post(urlEqualTo(PATH)).inScenario("repeat").whenScenarioStateIs("up")
                .willReturn(created("SM000000000000000000000000000000a2", HEAD)));
        report();
        h.dispatcher.dispatchDue();
        h.clock.advance(Duration.ofSeconds(60));
        assertThat(h.escalator.advanceDue()).isEqualTo(1);
        h.dispatcher.dispatchDue();
        List<String> sent = postedBodies();
        // What Twilio holds for the phone, newest first, as it lists it.
        twilio.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("To", equalTo(HEAD)).atPriority(1)
                .willReturn(list(
                        held("SM000000000000000000000000000000a1", HEAD, "delivered", sent.get(1), T0.plusSeconds(61)),
                        held("SM000000000000000000000000000000a0", HEAD, "delivered", sent.get(0), T0.plusSeconds(1)))));

        h.clock.advance(Duration.ofSeconds(60));
        assertThat(h.escalator.advanceDue()).isEqualTo(1);
        for (int i = 0; i < 60; i++) {
            h.dispatcher.dispatchDue();
            h.clock.advance(Duration.ofSeconds(5));
        }

        List<SmsView> m = messages();
        assertThat(m).extracting(SmsView::state, SmsView::providerSid).containsExactly(
                org.assertj.core.groups.Tuple.tuple("SENT", "SM000000000000000000000000000000a0"),
                org.assertj.core.groups.Tuple.tuple("SENT", "SM000000000000000000000000000000a1"),
                org.assertj.core.groups.Tuple.tuple("SENT", "SM000000000000000000000000000000a2"));
        List<String> bodies = postedBodies();
        assertThat(bodies).hasSize(4);
        // The same words as round 1, each with its own reference: the lookup tells them apart.
        assertThat(bodies.get(2)).isEqualTo(bodies.get(3)).isNotEqualTo(bodies.get(1));
        assertThat(withoutReference(bodies.get(2))).isEqualTo(withoutReference(bodies.get(1)));
        for (int i = 0; i < 3; i++) {
            assertThat(bodies.get(i)).endsWith(" #" + vn.dancham.escalation.sms.SmsReference.of(m.get(i).id()));
        }
    }

    static String withoutReference(String body) {
        return body.substring(0, body.lastIndexOf(" #"));
    }

    @Test
    void theLookupReadsEveryPageOfTwiliosListWithinTheWindow() {
        twilio.stubFor(post(urlEqualTo(PATH))
                .willReturn(created("SM000000000000000000000000000000b2", HEAD).withFixedDelay(3000)));
        report();
        h.dispatcher.dispatchDue();
        String body = firstPostedBody();
        // Fifty newer messages to the same phone on the first page; ours is on the second.
        String[] others = java.util.stream.IntStream.range(0, 50).mapToObj(i -> held(
                "SM%032d".formatted(900 + i), HEAD, "delivered", "[Dan Cham] khac " + i + " #Z" + i,
                T0.plusSeconds(30 + i))).toArray(String[]::new);
        String next = PATH + "?To=%2B84913000001&PageSize=50&Page=1&PageToken=PASM0000000000000000000000000000900";
        twilio.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("To", equalTo(HEAD)).atPriority(2)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(listJson(next, others))));
        twilio.stubFor(get(urlPathEqualTo(PATH)).withQueryParam("Page", equalTo("1")).atPriority(1)
                .willReturn(list(held("SM000000000000000000000000000000b2", HEAD, "sent", body, T0))));

        for (int i = 0; i < 60; i++) {
            h.clock.advance(Duration.ofSeconds(5));
            h.dispatcher.dispatchDue();
        }

        SmsView m = onlyMessage();
        assertThat(m.state()).isEqualTo("SENT");
        assertThat(m.providerSid()).isEqualTo("SM000000000000000000000000000000b2");
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH)));
        twilio.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("Page", equalTo("1")));
    }

    static String listJson(String nextPageUri, String... messages) {
        return """
                {"end": %d, "first_page_uri": "%s?PageSize=50&Page=0", "next_page_uri": "%s",
                 "page": 0, "page_size": 50, "previous_page_uri": null, "start": 0,
                 "uri": "%s?PageSize=50&Page=0", "messages": [%s]}
                """.formatted(messages.length - 1, PATH, nextPageUri, PATH, String.join(", ", messages));
    }

    @Test
    void aResultThatCannotBeRecordedNeitherBlocksTheOtherMessagesNorLoopsForever() {
        h.close();
        h = new Harness(SmsGateways.create(Harness.twilio(twilio.baseUrl())), Harness.maxAttempts(3),
                Harness.twilio(twilio.baseUrl())).withDayRoster();
        String second = "+84913000011";
        vn.dancham.escalation.OrgFixture.shift(h.db.dsl(), h.org.oneStopOffice(), null, 1, "Võ Thị Lan", second,
                T0.minus(Duration.ofHours(1)), T0.plus(Duration.ofDays(1)));
        // An old row already holds the SID Twilio will (wrongly, for the test's sake) give the head's message, so
        // storing it breaks a unique constraint: a stand-in for any failure while recording a result.
        h.db.dsl().execute("INSERT INTO sms_message (idempotency_key, to_phone, body, encoding, segments, state, "
                + "next_attempt_at, created_at, provider_sid, purpose) VALUES ('old', ?, 'x', 'GSM7', 1, 'SENT', "
                + "now(), now(), 'SM000000000000000000000000000000d0', 'DIGEST')", HEAD);
        twilio.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("To=%2B84913000001"))
                .willReturn(created("SM000000000000000000000000000000d0", HEAD)));
        twilio.stubFor(post(urlEqualTo(PATH)).withRequestBody(containing("To=%2B84913000011"))
                .willReturn(created("SM000000000000000000000000000000d1", second)));
        report();

        h.dispatcher.dispatchDue();

        assertThat(messages()).filteredOn(m -> m.toPhone().equals(second)).singleElement()
                .satisfies(m -> assertThat(m.state()).isEqualTo("SENT"));
        assertThat(messages()).filteredOn(m -> m.toPhone().equals(HEAD)).singleElement()
                .satisfies(m -> assertThat(m.lastError()).contains("could not record"));
        for (int i = 0; i < 120; i++) {
            h.clock.advance(Duration.ofSeconds(5));
            h.dispatcher.dispatchDue();
        }
        // Bounded: three attempts, then FAILED, shown as such.
        assertThat(messages()).filteredOn(m -> m.toPhone().equals(HEAD)).singleElement().satisfies(m -> {
            assertThat(m.state()).isEqualTo("FAILED");
            assertThat(m.attempts()).isEqualTo(3);
        });
    }

    @Test
    void aMessageInDoubtIsNotSentAgainOnceItsIncidentIsAcknowledged() {
        twilio.stubFor(post(urlEqualTo(PATH)).willReturn(error(500, 20500, "late").withFixedDelay(3000)));
        report();
        h.dispatcher.dispatchDue();
        assertThat(onlyMessage().state()).isEqualTo("SENDING");

        h.incidents.acknowledge(h.incidents.list(IncidentFilter.all()).getFirst().id(), "web:hoa");
        for (int i = 0; i < 60; i++) {
            h.clock.advance(Duration.ofSeconds(5));
            h.dispatcher.dispatchDue();
        }

        // Twilio was asked (it holds nothing), and nothing was sent again.
        assertThat(onlyMessage().state()).isEqualTo("CANCELLED");
        twilio.verify(1, postRequestedFor(urlEqualTo(PATH)));
        twilio.verify(1, getRequestedFor(urlPathEqualTo(PATH)).withQueryParam("To", equalTo(HEAD)));
    }
}
