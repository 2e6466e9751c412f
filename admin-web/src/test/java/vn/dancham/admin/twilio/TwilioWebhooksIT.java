package vn.dancham.admin.twilio;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancham.admin.support.WebIT;
import vn.dancham.complaint.HarassmentReported;
import vn.dancham.escalation.IncidentDetail;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Incidents;
import vn.dancham.escalation.SmsView;
import vn.dancham.escalation.sms.OutboxDispatcher;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.db.jooq.Tables.ADMIN_UNIT;
import static vn.dancham.db.jooq.Tables.DUTY_SHIFT;
import static vn.dancham.db.jooq.Tables.OFFICE;
import static vn.dancham.db.jooq.Tables.SMS_INBOUND;

/**
 * Twilio's webhooks over real HTTP against the running application: correctly signed callbacks and replies are
 * accepted; unsigned, forged or altered ones get 403 and change nothing.
 */
class TwilioWebhooksIT extends WebIT {

    static final String TOKEN = "test-webhook-auth-token";
    static final String PUBLIC = "https://dancham.test";
    static final String ACCOUNT = "AC" + "0123456789abcdef0123456789abcdef"; // placeholder

    @Autowired
    DSLContext dsl;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Incidents incidents;
    @Autowired
    OutboxDispatcher dispatcher;

    final HttpClient http = HttpClient.newHttpClient();
    String leader;
    long officeId;

    @BeforeEach
    void incidentSentToALeader() throws InterruptedException {
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(100_000, 999_999));
        leader = "+8491" + tag + "0";
        Long province = dsl.select(ADMIN_UNIT.ID).from(ADMIN_UNIT).where(ADMIN_UNIT.LEVEL.eq("PROVINCE")).limit(1)
                .fetchOne(ADMIN_UNIT.ID);
        if (province == null) {
            province = dsl.insertInto(ADMIN_UNIT).set(ADMIN_UNIT.LEVEL, "PROVINCE").set(ADMIN_UNIT.CODE, "P" + tag)
                    .set(ADMIN_UNIT.NAME, "tỉnh " + tag).returning(ADMIN_UNIT.ID).fetchSingle().getId();
        }
        long district = dsl.insertInto(ADMIN_UNIT).set(ADMIN_UNIT.LEVEL, "DISTRICT").set(ADMIN_UNIT.CODE, "D" + tag)
                .set(ADMIN_UNIT.PARENT_ID, province).set(ADMIN_UNIT.NAME, "huyện " + tag)
                .returning(ADMIN_UNIT.ID).fetchSingle().getId();
        officeId = dsl.insertInto(OFFICE).set(OFFICE.UNIT_ID, district).set(OFFICE.CODE, "O" + tag)
                .set(OFFICE.DIAL_CODE, tag).set(OFFICE.NAME, "Bộ phận 1 cửa " + tag).set(OFFICE.KIND, "ONE_STOP")
                .returning(OFFICE.ID).fetchSingle().getId();
        Instant now = Instant.now();
        dsl.insertInto(DUTY_SHIFT).set(DUTY_SHIFT.OFFICE_ID, officeId).set(DUTY_SHIFT.LEVEL, (short) 1)
                .set(DUTY_SHIFT.PERSON_NAME, "Trưởng BP " + tag).set(DUTY_SHIFT.PHONE, leader)
                .set(DUTY_SHIFT.STARTS_AT, now.minus(1, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC))
                .set(DUTY_SHIFT.ENDS_AT, now.plus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)).execute();
        tx.executeWithoutResult(s -> events.publishEvent(new HarassmentReported(
                ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), null, null, null, officeId, null,
                "0905123456", now)));
        // The application's own Quartz job dispatches the outbox too; when it holds the row (SKIP LOCKED), our
        // call finds nothing, so wait until someone has sent the message rather than assuming it was us.
        Instant giveUp = Instant.now().plusSeconds(30);
        while (!sent()) {
            assertThat(Instant.now()).as("the SMS left the outbox").isBefore(giveUp);
            dispatcher.dispatchDue();
            Thread.sleep(20);
        }
    }

    private boolean sent() {
        var messages = incidents.find(incident().id()).orElseThrow().messages();
        return !messages.isEmpty() && messages.stream().noneMatch(m -> m.state().equals("PENDING")
                || m.state().equals("SENDING"));
    }

    IncidentSummary incident() {
        return incidents.list(new IncidentFilter(null, null, null, officeId, null, null, 10, 0)).getFirst();
    }

    static String sign(String url, Map<String, String> params) {
        // Twilio's documented scheme: HMAC-SHA1 over the URL followed by each POST parameter name and value,
        // sorted by name, keyed with the auth token, Base64.
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TOKEN.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> post(String pathAndQuery, Map<String, String> form, String signature) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            r.header("X-Twilio-Signature", signature);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    Map<String, String> reply(String sid, String from, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("AccountSid", ACCOUNT);
        form.put("From", from);
        form.put("To", "+15005550006");
        form.put("Body", text);
        form.put("NumMedia", "0");
        return form;
    }

    String sid() {
        return "SM" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "0000000000000000";
    }

    @Test
    void theApplicationsQuartzJobsEscalateWhenTheWaitIsOver() throws Exception {
        IncidentSummary i = incident();
        long district = dsl.select(OFFICE.UNIT_ID).from(OFFICE).where(OFFICE.ID.eq(officeId)).fetchSingle().value1();
        Instant now = Instant.now();
        dsl.insertInto(DUTY_SHIFT).set(DUTY_SHIFT.ADMIN_UNIT_ID, district).set(DUTY_SHIFT.LEVEL, (short) 2)
                .set(DUTY_SHIFT.PERSON_NAME, "Phó Chủ tịch").set(DUTY_SHIFT.PHONE, leader.replace("+8491", "+8492"))
                .set(DUTY_SHIFT.STARTS_AT, now.minus(1, ChronoUnit.HOURS).atOffset(ZoneOffset.UTC))
                .set(DUTY_SHIFT.ENDS_AT, now.plus(1, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)).execute();
        // As if the five minutes had passed: the escalation-tick job (Spring's Quartz, JDBC store) must act on it.
        dsl.execute("UPDATE incident SET next_step_at = now() - interval '1 second' WHERE id = ?", i.id());
        Instant giveUp = Instant.now().plus(java.time.Duration.ofSeconds(90));
        while (incident().level() < 2) {
            assertThat(Instant.now()).as("escalated by the Quartz job").isBefore(giveUp);
            Thread.sleep(100);
        }
        assertThat(incidents.find(i.id()).orElseThrow().messages()).extracting(SmsView::toPhone)
                .containsExactly(leader, leader.replace("+8491", "+8492"));
    }

    @Test
    void aSignedReplyOkWithTheCodeAcknowledgesAndAnswersInTwiml() throws Exception {
        IncidentSummary i = incident();
        assertThat(i.state()).isEqualTo(IncidentState.NOTIFIED);
        Map<String, String> form = reply(sid(), leader, "ok " + i.code());

        HttpResponse<String> r = post("/twilio/sms", form, sign(PUBLIC + "/twilio/sms", form));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("application/xml"));
        assertThat(r.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>").contains("<Response><Message>")
                .contains("Da ghi nhan anh/chi nhan xu ly viec " + i.code()).endsWith("</Message></Response>");
        assertThat(incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(incident().acknowledgedBy()).isEqualTo(leader);
    }

    @Test
    void unsignedForgedOrAlteredRepliesAreRefusedAndChangeNothing() throws Exception {
        IncidentSummary i = incident();
        int inboundBefore = dsl.fetchCount(SMS_INBOUND);
        Map<String, String> form = reply(sid(), leader, "OK " + i.code());
        String good = sign(PUBLIC + "/twilio/sms", form);

        assertThat(post("/twilio/sms", form, null).statusCode()).isEqualTo(403);
        assertThat(post("/twilio/sms", form, "bm90IGEgc2lnbmF0dXJl").statusCode()).isEqualTo(403);
        Map<String, String> altered = new LinkedHashMap<>(form);
        altered.put("From", "+84999999999");
        assertThat(post("/twilio/sms", altered, good).statusCode()).isEqualTo(403);
        // Signed for another URL (e.g. replayed against another endpoint).
        assertThat(post("/twilio/sms", form, sign(PUBLIC + "/twilio/status", form)).statusCode()).isEqualTo(403);

        assertThat(incident().state()).isEqualTo(IncidentState.NOTIFIED);
        assertThat(dsl.fetchCount(SMS_INBOUND)).isEqualTo(inboundBefore);
    }

    @Test
    void somethingThatIsNoAcknowledgementGetsTheHelpTextAndNothingElse() throws Exception {
        IncidentSummary i = incident();
        Map<String, String> form = reply(sid(), leader, "xin chào");
        HttpResponse<String> r = post("/twilio/sms", form, sign(PUBLIC + "/twilio/sms", form));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Tin nhan chua dung cu phap").contains("OK 4821")
                .doesNotContain("Khong co viec");
        assertThat(incident().state()).isEqualTo(IncidentState.NOTIFIED);
        assertThat(i.code()).isNotBlank();
    }

    @Test
    void aNumberThatIsNotOnTheRosterGetsNoSmsBack() throws Exception {
        IncidentSummary i = incident();
        Map<String, String> form = reply(sid(), "+84987654321", "OK " + i.code());
        HttpResponse<String> r = post("/twilio/sms", form, sign(PUBLIC + "/twilio/sms", form));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("<?xml").doesNotContain("<Message").containsPattern("<Response\\s*/>|<Response></Response>");
        assertThat(incident().state()).isEqualTo(IncidentState.NOTIFIED);
    }

    @Test
    void concurrentCopiesOfOneSignedReplyAreAllAnsweredTheSameAndAcknowledgeOnce() throws Exception {
        IncidentSummary i = incident();
        Map<String, String> form = reply(sid(), leader, "OK " + i.code());
        String signature = sign(PUBLIC + "/twilio/sms", form);
        int copies = 6;
        var start = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(copies)) {
            var answers = java.util.stream.IntStream.range(0, copies).mapToObj(n -> pool.submit(() -> {
                start.await();
                return post("/twilio/sms", form, signature);
            })).toList();
            start.countDown();
            java.util.List<HttpResponse<String>> responses = new java.util.ArrayList<>();
            for (var a : answers) {
                responses.add(a.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
            assertThat(responses).extracting(HttpResponse::body).containsOnly(responses.getFirst().body());
            assertThat(responses.getFirst().body()).contains("Da ghi nhan");
        }
        assertThat(incident().state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(dsl.fetchCount(SMS_INBOUND, SMS_INBOUND.PROVIDER_SID.eq(form.get("MessageSid")))).isEqualTo(1);
        assertThat(incidents.find(i.id()).orElseThrow().timeline()).filteredOn(e -> e.kind().equals("ACKNOWLEDGED"))
                .hasSize(1);
    }

    HttpResponse<String> postRaw(String pathAndQuery, String body, String signature) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            r.header("X-Twilio-Signature", signature);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The status code of a POST written by hand: java.net.http refuses to send a malformed URI. */
    int rawStatus(String pathAndQuery, String body) throws Exception {
        URI base = URI.create(baseUrl());
        try (var socket = new java.net.Socket(base.getHost(), base.getPort())) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            socket.getOutputStream().write(("POST " + pathAndQuery + " HTTP/1.1\r\nHost: " + base.getHost()
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nX-Twilio-Signature: x\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void junkRequestsGetA4xxWithoutAnErrorInTheLogAndChangeNothing() throws Exception {
        IncidentSummary i = incident();
        int inboundBefore = dsl.fetchCount(SMS_INBOUND);
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        appender.start();
        root.addAppender(appender);
        try {
            String good = "MessageSid=" + sid() + "&From=" + URLEncoder.encode(leader, StandardCharsets.UTF_8)
                    + "&Body=OK+" + i.code();
            // A bad %-escape in the body, then in the query string.
            assertThat(postRaw("/twilio/sms", good + "&Body2=%E0%A4%A", "x").statusCode()).isEqualTo(400);
            assertThat(rawStatus("/twilio/sms?m=%zz", good)).isEqualTo(400);
            assertThat(rawStatus("/twilio/status?m=%E0%A4%A", "MessageSid=SMx&MessageStatus=sent")).isEqualTo(400);
            // An oversize body.
            assertThat(postRaw("/twilio/sms", good + "&Body3=" + "a".repeat(100_000), "x").statusCode())
                    .isEqualTo(413);
            // A correctly signed body with a NUL byte and one with another control character.
            Map<String, String> nul = reply(sid(), leader, "OK " + i.code() + "\u0000");
            assertThat(post("/twilio/sms", nul, sign(PUBLIC + "/twilio/sms", nul)).statusCode()).isEqualTo(400);
            Map<String, String> bell = reply(sid(), leader, "OK\u0007 " + i.code());
            assertThat(post("/twilio/sms", bell, sign(PUBLIC + "/twilio/sms", bell)).statusCode()).isEqualTo(400);
        } finally {
            root.detachAppender(appender);
        }
        assertThat(appender.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR))
                .isEmpty();
        assertThat(appender.list).filteredOn(e -> e.getThrowableProxy() != null).isEmpty();
        assertThat(incident().state()).isEqualTo(IncidentState.NOTIFIED);
        assertThat(dsl.fetchCount(SMS_INBOUND)).isEqualTo(inboundBefore);
    }

    @Test
    void aSignedStatusCallbackRecordsDeliveryAndAForgedOneChangesNothing() throws Exception {
        IncidentDetail d = incidents.find(incident().id()).orElseThrow();
        SmsView m = d.messages().getFirst();
        assertThat(m.state()).isEqualTo("SIMULATED");
        // A simulated message never gets a delivery state: a callback naming it changes nothing.
        String query = "/twilio/status?m=" + m.id();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", "SMdeadbeef00000000000000000000000");
        form.put("MessageStatus", "delivered");
        form.put("AccountSid", ACCOUNT);
        assertThat(post(query, form, sign(PUBLIC + query, form)).statusCode()).isEqualTo(204);
        assertThat(incidents.find(incident().id()).orElseThrow().messages().getFirst().state())
                .isEqualTo("SIMULATED");

        // A message Twilio accepted: mark it SENDING→SENT as the dispatcher would, then deliver it by callback.
        dsl.execute("UPDATE sms_message SET state = 'SENT', provider_sid = ? WHERE id = ?",
                "SM" + m.id() + "0000000000000000000000000000", m.id());
        String sidValue = "SM" + m.id() + "0000000000000000000000000000";
        Map<String, String> delivered = new LinkedHashMap<>(form);
        delivered.put("MessageSid", sidValue);
        assertThat(post(query, delivered, sign(PUBLIC + "/twilio/status?m=" + (m.id() + 1), delivered))
                .statusCode()).isEqualTo(403);
        assertThat(incidents.find(incident().id()).orElseThrow().messages().getFirst().state()).isEqualTo("SENT");
        assertThat(post(query, delivered, sign(PUBLIC + query, delivered)).statusCode()).isEqualTo(204);
        assertThat(incidents.find(incident().id()).orElseThrow().messages().getFirst().deliveryState())
                .isEqualTo("DELIVERED");
    }
}
