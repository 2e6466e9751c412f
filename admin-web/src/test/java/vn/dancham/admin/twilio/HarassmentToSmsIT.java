package vn.dancham.admin.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Incidents;
import vn.dancham.admin.metrics.GrafanaDashboard;
import vn.dancham.admin.support.OneStopRows;
import vn.dancham.admin.support.PrometheusScrape;
import vn.dancham.ivr.testing.AgiTestCall;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.db.jooq.Tables.DUTY_SHIFT;

/**
 * End to end on the running application: a caller reports harassment over FastAGI (spoken to as Asterisk would),
 * the duty leader's SMS request reaches "Twilio" (WireMock) through the real SDK, and the leader's signed reply
 * {@code OK <code>} acknowledges the incident. Its own context: Twilio is configured here (pointed at WireMock).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class HarassmentToSmsIT {

    static final String ACCOUNT = "AC" + "00000000000000000000000000000e2e"; // placeholder
    static final String PATH = "/2010-04-01/Accounts/" + ACCOUNT + "/Messages.json";
    static final WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        twilio.start();
    }

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry registry) {
        registry.add("dancham.twilio.account-sid", () -> ACCOUNT);
        registry.add("dancham.twilio.from-number", () -> "+15005550006");
        registry.add("dancham.twilio.api-base-url", twilio::baseUrl);
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    DSLContext dsl;
    @Autowired
    Environment environment;
    @Autowired
    Incidents incidents;

    @Test
    void aHarassmentReportOverFastAgiReachesTheLeaderBySmsAndTheReplyAcknowledgesIt() throws Exception {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
        String leader = "+8490" + tag.substring(0, 7);
        OneStopRows.Place place = OneStopRows.place(dsl, tag, "Bộ phận 1 cửa huyện Gio Linh", 30);
        long office = place.officeId();
        Instant now = Instant.now();
        String receipt = "2026" + tag;
        place.openDossier(dsl, receipt, "0912345678", now.minus(10, ChronoUnit.DAYS), now.plus(10, ChronoUnit.DAYS));
        dsl.insertInto(DUTY_SHIFT).set(DUTY_SHIFT.OFFICE_ID, office).set(DUTY_SHIFT.LEVEL, (short) 1)
                .set(DUTY_SHIFT.PERSON_NAME, "Trưởng bộ phận").set(DUTY_SHIFT.PHONE, leader)
                .set(DUTY_SHIFT.STARTS_AT, now.minus(1, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC))
                .set(DUTY_SHIFT.ENDS_AT, now.plus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)).execute();
        twilio.stubFor(post(urlEqualTo(PATH)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody(TwilioBodies.queued(ACCOUNT, "SM" + tag + "00000000000000000000000", leader))));

        int agiPort = environment.getRequiredProperty("local.fastagi.port", Integer.class);
        PrometheusScrape before = PrometheusScrape.of(port);
        Instant callStarted = Instant.now();
        AgiTestCall.run("127.0.0.1", agiPort, "hotline", "e2e-" + tag, "0987000222", "3 " + receipt + "# 1 REC:3");
        Instant callEnded = Instant.now();

        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        List<LoggedRequest> requests;
        while ((requests = twilio.findAll(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(containing("To=" + URLEncoder.encode(leader, StandardCharsets.UTF_8))))).isEmpty()) {
            assertThat(Instant.now()).as("an SMS request at Twilio").isBefore(giveUp);
            Thread.sleep(20);
        }
        Instant smsRequested = requests.getFirst().getLoggedDate().toInstant();
        // Measured, not asserted: from the end of the call (report stored) to the SMS request at Twilio.
        System.out.printf("E2E latency: call %d ms; report stored → SMS request at Twilio %d ms%n",
                Duration.between(callStarted, callEnded).toMillis(),
                Duration.between(callEnded, smsRequested).toMillis());

        IncidentSummary incident = incidents.list(new IncidentFilter(null, null, null, office, null, null, 5, 0))
                .getFirst();
        assertThat(incident.state()).isEqualTo(IncidentState.NOTIFIED);
        assertThat(requests.getFirst().getBodyAsString())
                .contains(URLEncoder.encode("OK " + incident.code(), StandardCharsets.UTF_8))
                // Privacy: the receipt number identifies the applicant, probably the person who reported.
                .doesNotContain(tag);
        assertThat(incidents.find(incident.id()).orElseThrow().facts()).containsEntry("receiptNo", receipt);

        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SM" + tag + "11111111111111111111111");
        form.put("AccountSid", ACCOUNT);
        form.put("From", leader);
        form.put("To", "+15005550006");
        form.put("Body", "Ok " + incident.code());
        String body = form.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/twilio/sms"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", TwilioWebhooksIT.sign("https://dancham.test/twilio/sms", form))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).contains("Da ghi nhan");
        assertThat(incidents.find(incident.id()).orElseThrow().incident().state())
                .isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(twilio.findAll(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(containing("To=" + URLEncoder.encode(leader, StandardCharsets.UTF_8))))).hasSize(1);

        // What an operator's Prometheus saw of it (README "Metrics"): the call, our turnaround on each AGI
        // command, the escalation step and the SMS the provider took.
        // The applicant rates the dossier on the same line: the answers counter moves too.
        AgiTestCall rating = AgiTestCall.run("127.0.0.1", agiPort, "hotline", "e2e-rate-" + tag, "0912345678",
                "2 1 " + receipt + "# 1 5 4 5");
        assertThat(rating.played()).contains("dancham/rating-thanks");
        // The answers reach the ratings table through the inbox writer (docs/reliability.md), just after the call.
        Instant answersDeadline = Instant.now().plus(Duration.ofSeconds(60));
        PrometheusScrape after = PrometheusScrape.of(port);
        while (after.sum("dancham_answers_total", "channel=\"PHONE\"")
                - before.sum("dancham_answers_total", "channel=\"PHONE\"") < 1) {
            assertThat(Instant.now()).as("the call's answers applied by the inbox writer").isBefore(answersDeadline);
            Thread.sleep(100);
            after = PrometheusScrape.of(port);
        }
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.sum("dancham_calls_total", "test=\"false\"") - before.sum("dancham_calls_total",
                "test=\"false\"")).isGreaterThanOrEqualTo(1);
        assertThat(after.sum("dancham_agi_turnaround_seconds_count")
                - before.sum("dancham_agi_turnaround_seconds_count")).isGreaterThanOrEqualTo(3);
        assertThat(after.has("dancham_agi_turnaround_seconds_bucket")).isTrue();
        assertThat(after.sum("dancham_answers_total", "channel=\"PHONE\"")
                - before.sum("dancham_answers_total", "channel=\"PHONE\"")).isGreaterThanOrEqualTo(1);
        assertThat(after.sum("dancham_escalation_steps_total", "step=\"notified\"", "level=\"1\"")
                - before.sum("dancham_escalation_steps_total", "step=\"notified\"", "level=\"1\""))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.sum("dancham_sms_send_seconds_count", "result=\"accepted\"")
                - before.sum("dancham_sms_send_seconds_count", "result=\"accepted\"")).isGreaterThanOrEqualTo(1);
        assertThat(after.sum("dancham_sms_delay_seconds_count") - before.sum("dancham_sms_delay_seconds_count"))
                .isGreaterThanOrEqualTo(1);
        for (String gauge : List.of("dancham_calls_in_progress", "dancham_journal_pending",
                "dancham_journal_replay_lag_seconds", "dancham_database_down", "dancham_sms_outbox_messages",
                "dancham_incidents_open", "dancham_harassment_incidents_waiting",
                "dancham_harassment_incidents_set_aside")) {
            assertThat(after.has(gauge)).as(gauge).isTrue();
        }
        // Both connection pools, each under its own name: the application's and the hotline's own (the calls'
        // database work took and gave back connections of the hotline's pool).
        String hotlinePool = "pool=\"embedded-postgres-hotline\"";
        for (String pool : List.of("pool=\"embedded-postgres\"", hotlinePool)) {
            for (String gauge : List.of("hikaricp_connections_active", "hikaricp_connections_idle",
                    "hikaricp_connections_pending", "hikaricp_connections_timeout_total")) {
                assertThat(after.series().keySet()).as(gauge + "{" + pool + "}")
                        .anyMatch(k -> k.startsWith(gauge + "{") && k.contains(pool));
            }
        }
        assertThat(after.sum("hikaricp_connections_usage_seconds_count", hotlinePool)
                - before.sum("hikaricp_connections_usage_seconds_count", hotlinePool))
                .as("connections of the hotline's pool used by the calls").isGreaterThanOrEqualTo(1);

        // The Grafana dashboard in the repository imports (its JSON model is whole) and graphs only what is
        // exported: every metric its queries name is in a scrape once a call, an escalation, an SMS and a
        // scheduled job have happened.
        GrafanaDashboard dashboard = GrafanaDashboard.load();
        assertThat(dashboard.problems()).isEmpty();
        assertThat(dashboard.metrics()).isNotEmpty();
        Instant jobsDeadline = Instant.now().plus(Duration.ofSeconds(90));
        PrometheusScrape scrape = after;
        while (!scrape.has("dancham_jobs_seconds_count")) {
            assertThat(Instant.now()).as("a scheduled job timed").isBefore(jobsDeadline);
            Thread.sleep(250);
            scrape = PrometheusScrape.of(port);
        }
        for (String metric : dashboard.metrics()) {
            assertThat(scrape.has(metric)).as(metric + " in " + GrafanaDashboard.FILE).isTrue();
        }
    }
}
