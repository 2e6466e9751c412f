package vn.dancham.admin.twilio;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import vn.dancham.admin.support.HttpSession;
import vn.dancham.admin.support.OneStopRows;
import vn.dancham.citizen.CitizenSms;
import vn.dancham.escalation.sms.OutboxDispatcher;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.admin.twilio.CitizenSmsTwilio.PATH;
import static vn.dancham.admin.twilio.CitizenSmsTwilio.form;
import static vn.dancham.db.jooq.Tables.CITIZEN_MESSAGE;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.DOSSIER_STAGE;
import static vn.dancham.db.jooq.Tables.RATING;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/**
 * The citizen SMS at WireMock speaking Twilio's shapes, through the running application and a restart of it on the
 * same database: each kind is sent once (sweeps and Twilio's retried webhooks after the restart send nothing
 * more); nothing goes in the quiet hours; an opted-out number gets no invitation or apology; a stranger's answers
 * are never VERIFIED; a dossier's status goes only to the applicant's own number.
 */
class CitizenSmsIT {

    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    static final WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        twilio.start();
        CitizenSmsTwilio.stub(twilio);
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop();
    }

    @Test
    void eachMessageGoesOnceAcrossARestartWithinTheHoursNeverToAnOptedOutNumberAndNothingPersonalToStrangers()
            throws Exception {
        Path data = Path.of("target", "citizen-it", UUID.randomUUID().toString());
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000L, 9_999_999L));
        String applicantA = "+8491" + tag;           // returned dossier A: invited, answers
        String applicantB = "+8492" + tag;           // late dossier B: apology with the new date, asks its status
        String optedOut = "+8493" + tag;             // opts out first: dossiers C (returned) and D (late) stay silent
        String applicantQ = "+8494" + tag;           // dossier Q: returned in the evening, invited next morning
        String stranger = "+8495" + tag;
        Instant now = Instant.now();
        Instant morning = last(LocalTime.of(10, 0), now);
        Instant night = last(LocalTime.of(22, 0), now);
        String a = "26" + tag + "01";
        String b = "26" + tag + "02";
        String c = "26" + tag + "03";
        String d = "26" + tag + "04";
        String q = "26" + tag + "05";

        try (ConfigurableApplicationContext first = start(data)) {
            DSLContext dsl = first.getBean(DSLContext.class);
            int port = port(first);
            OneStopRows.Place office = OneStopRows.place(dsl, tag, "Bộ phận Một cửa huyện Gio Linh", 10);
            dossier(dsl, a, office, national(applicantA), morning.minus(1, ChronoUnit.HOURS), null, null);
            long late = dossier(dsl, b, office, national(applicantB), null, morning.minus(1, ChronoUnit.HOURS),
                    morning.plus(5, ChronoUnit.DAYS));
            dsl.insertInto(DOSSIER_STAGE).set(DOSSIER_STAGE.DOSSIER_ID, late).set(DOSSIER_STAGE.SEQ, 1)
                    .set(DOSSIER_STAGE.OFFICE_ID, office.officeId()).set(DOSSIER_STAGE.OFFICER_ID, office.officerId())
                    .set(DOSSIER_STAGE.NAME, "Thẩm định hồ sơ")
                    .set(DOSSIER_STAGE.STARTED_AT, morning.minus(9, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
                    .set(DOSSIER_STAGE.DUE_AT, morning.minus(2, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)).execute();
            dossier(dsl, c, office, national(optedOut), morning.minus(1, ChronoUnit.HOURS), null, null);
            dossier(dsl, d, office, national(optedOut), null, morning.minus(1, ChronoUnit.HOURS), null);
            Instant evening = (night.isBefore(morning) ? night : morning).minus(1, ChronoUnit.HOURS);
            dossier(dsl, q, office, national(applicantQ), evening, null, null);

            // TC first: the number is opted out before any dossier of it is swept.
            assertThat(CitizenSmsTwilio.inbound(port, sid(tag, 1), optedOut, "TC").statusCode()).isEqualTo(200);

            CitizenSms sms = first.getBean(CitizenSms.class);
            CitizenSms.Sweep quiet = sms.sweep(night);
            assertThat(quiet.outsideHours()).isTrue();
            assertThat(dsl.fetchCount(CITIZEN_MESSAGE, CITIZEN_MESSAGE.KIND.in("APOLOGY", "INVITATION")
                    .and(CITIZEN_MESSAGE.PHONE.like("%" + tag)))).as("nothing in the quiet hours").isZero();
            CitizenSms.Sweep day = sms.sweep(morning);
            System.out.println("[issue 17] sweep at " + morning + ": " + day);
            assertThat(day.outsideHours()).isFalse();
            assertThat(day.apologies()).as("B's apology").isEqualTo(1);
            assertThat(day.invitations()).as("A's and Q's invitations").isEqualTo(2);
            assertThat(dsl.fetchCount(CITIZEN_MESSAGE, CITIZEN_MESSAGE.PHONE.eq(optedOut)
                    .and(CITIZEN_MESSAGE.DIRECTION.eq("NOT_SENT")).and(CITIZEN_MESSAGE.DETAIL.eq("OPTED_OUT"))))
                    .as("C's invitation and D's apology recorded as not sent").isEqualTo(2);

            CitizenSmsTwilio.inbound(port, sid(tag, 2), stranger, "HS " + b);
            CitizenSmsTwilio.inbound(port, sid(tag, 3), applicantB, "hs " + b);
            CitizenSmsTwilio.inbound(port, sid(tag, 4), stranger, a + " 5 4 5");
            CitizenSmsTwilio.inbound(port, sid(tag, 5), applicantA, "5, 4, 5");
            CitizenSmsTwilio.inbound(port, sid(tag, 6), applicantA, "cảm ơn nhiều");
            CitizenSmsTwilio.inbound(port, sid(tag, 7), applicantA, "??");

            String invitationA = body(CitizenSmsTwilio.awaitSms(twilio, applicantA, "HS " + a + " da tra"));
            String invitationQ = body(CitizenSmsTwilio.awaitSms(twilio, applicantQ, "HS " + q + " da tra"));
            System.out.println("[issue 17] to B: " + dsl.select(SMS_MESSAGE.PURPOSE, SMS_MESSAGE.STATE,
                    SMS_MESSAGE.NEXT_ATTEMPT_AT, SMS_MESSAGE.LAST_ERROR).from(SMS_MESSAGE)
                    .where(SMS_MESSAGE.TO_PHONE.eq(applicantB)).fetch());
            String apology = body(CitizenSmsTwilio.awaitSms(twilio, applicantB, "xin loi"));
            String status = body(CitizenSmsTwilio.awaitSms(twilio, applicantB, "HS " + b + ": dang o buoc"));
            String refused = body(CitizenSmsTwilio.awaitSms(twilio, stranger, "Khong tim thay ho so " + b));
            String optOut = body(CitizenSmsTwilio.awaitSms(twilio, optedOut, "khong nhan tin moi"));
            String correction = body(CitizenSmsTwilio.awaitSms(twilio, applicantA, "Chua doc duoc tra loi"));
            for (String s : List.of(invitationA, invitationQ, apology, status, refused, optOut, correction)) {
                System.out.println("[issue 17] " + s);
            }
            assertThat(apology).contains("Hen tra moi: " + morning.plus(5, ChronoUnit.DAYS).atZone(ZONE)
                    .toLocalDate().format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy")));
            assertThat(status).contains("Tham dinh ho so").contains("da tre");

            // The public look-up page says the apology was given once Twilio took it, with the new date (issue 18);
            // D's apology, never sent (opted out), is not claimed.
            awaitApologySent(dsl, applicantB);
            String sentOn = LocalDate.now(ZONE).format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            String newOn = morning.plus(5, ChronoUnit.DAYS).atZone(ZONE).toLocalDate()
                    .format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
            HttpSession web = new HttpSession("http://localhost:" + port);
            web.get("/tra-cuu");
            assertThat(web.post("/tra-cuu", Map.of("receipt", b, "digits", applicantB.substring(applicantB.length() - 4)))
                    .statusCode()).isEqualTo(302);
            assertThat(web.get("/tra-cuu/ho-so").body())
                    .contains("Đã gửi tin nhắn xin lỗi ngày " + sentOn + ", hẹn trả kết quả mới ngày " + newOn);
            assertThat(web.get("/tra-cuu/ho-so?lang=en").body())
                    .contains("An apology was sent by SMS on " + sentOn + "; the new date for the result is " + newOn);
            HttpSession other = new HttpSession("http://localhost:" + port);
            other.get("/tra-cuu");
            assertThat(other.post("/tra-cuu", Map.of("receipt", d, "digits", optedOut.substring(optedOut.length() - 4)))
                    .statusCode()).isEqualTo(302);
            assertThat(other.get("/tra-cuu/ho-so").body()).contains("Trễ hạn").doesNotContain("xin lỗi");
            // Nothing personal to another number: not the stage, the office, the dates or whether it is late.
            assertThat(refused).doesNotContain("Tham dinh").doesNotContain("Gio Linh").doesNotContain("tre")
                    .doesNotContain("/");

            var answers = dsl.select(RATING.CALLER_NUMBER, RATING.IDENTITY, RATING.CHANNEL).from(RATING)
                    .join(DOSSIER).on(DOSSIER.ID.eq(RATING.DOSSIER_ID)).where(DOSSIER.RECEIPT_NO.eq(a)).fetch();
            assertThat(answers).hasSize(6);
            assertThat(answers.stream().filter(r -> r.value1().equals(national(stranger))).map(r -> r.value2()))
                    .as("a stranger's answers are never VERIFIED").hasSize(3).doesNotContain("VERIFIED");
            assertThat(answers.stream().filter(r -> r.value1().equals(national(applicantA))).map(r -> r.value2()))
                    .containsOnly("VERIFIED");
            assertThat(answers.map(r -> r.value3())).containsOnly("SMS");
        }

        try (ConfigurableApplicationContext second = start(data)) {
            DSLContext dsl = second.getBean(DSLContext.class);
            int port = port(second);
            CitizenSms.Sweep again = second.getBean(CitizenSms.class).sweep(morning);
            assertThat(again.apologies() + again.invitations() + again.notSent()).isZero();
            // Twilio retries webhooks it got no answer to: the same SMS changes nothing and sends nothing.
            CitizenSmsTwilio.inbound(port, sid(tag, 3), applicantB, "hs " + b);
            CitizenSmsTwilio.inbound(port, sid(tag, 5), applicantA, "5, 4, 5");
            CitizenSmsTwilio.inbound(port, sid(tag, 1), optedOut, "TC");
            second.getBean(OutboxDispatcher.class).dispatchDue();
            assertThat(dsl.fetchCount(SMS_MESSAGE, SMS_MESSAGE.TO_PHONE.like("%" + tag)
                    .and(SMS_MESSAGE.STATE.in("PENDING", "SENDING")))).isZero();
            assertThat(dsl.fetchCount(RATING, RATING.CALLER_NUMBER.eq(national(applicantA)))).isEqualTo(3);
        }
        // Exactly once at Twilio: A invitation + correction, B apology + status, Q invitation, the stranger's
        // refusal, the opt-out confirmation; nothing for C and D.
        assertThat(sentTo(applicantA)).hasSize(2);
        assertThat(sentTo(applicantB)).hasSize(2);
        assertThat(sentTo(applicantQ)).hasSize(1);
        assertThat(sentTo(stranger)).hasSize(1);
        assertThat(sentTo(optedOut)).hasSize(1);
    }

    /**
     * Twilio's answer reaches the outbox a moment after WireMock logged the request; on a machine shared with other
     * builds that moment has been seconds, so the wait is as long as {@code awaitSms}'s (the assertion after it fails
     * if the state never comes).
     */
    private static void awaitApologySent(DSLContext dsl, String phone) throws InterruptedException {
        for (int i = 0; i < 1200 && dsl.fetchCount(SMS_MESSAGE, SMS_MESSAGE.TO_PHONE.eq(phone)
                .and(SMS_MESSAGE.PURPOSE.eq("APOLOGY")).and(SMS_MESSAGE.STATE.in("SENT", "DELIVERED"))) == 0; i++) {
            Thread.sleep(100);
        }
    }

    private static List<LoggedRequest> sentTo(String phone) {
        return twilio.findAll(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(containing("To=" + URLEncoder.encode(phone, StandardCharsets.UTF_8))));
    }

    private static String body(LoggedRequest r) {
        return form(r.getBodyAsString()).get("Body");
    }

    /** The latest local {@code time} at or before {@code now}. */
    static Instant last(LocalTime time, Instant now) {
        LocalDate today = now.atZone(ZONE).toLocalDate();
        Instant t = today.atTime(time).atZone(ZONE).toInstant();
        return t.isAfter(now) ? today.minusDays(1).atTime(time).atZone(ZONE).toInstant() : t;
    }

    private static String national(String e164) {
        return "0" + e164.substring(3);
    }

    private static String sid(String tag, int n) {
        return "SM" + tag + "0".repeat(31 - tag.length()) + n;
    }

    private static int port(ConfigurableApplicationContext context) {
        return context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static ConfigurableApplicationContext start(Path data) {
        return CitizenSmsTwilio.start(data, twilio);
    }

    /** Returned at {@code returned}, or open and due at {@code due} (with the one-stop system's new date). */
    private static long dossier(DSLContext dsl, String receipt, OneStopRows.Place office, String phone, Instant returned,
                                Instant due, Instant newDue) {
        Instant dueAt = due != null ? due : returned.plus(2, ChronoUnit.DAYS);
        return dsl.insertInto(DOSSIER).set(DOSSIER.RECEIPT_NO, receipt).set(DOSSIER.PROCEDURE_ID, office.procedureId())
                .set(DOSSIER.RECEIVING_OFFICE_ID, office.officeId()).set(DOSSIER.RECEIVING_OFFICER_ID, office.officerId())
                .set(DOSSIER.APPLICANT_NAME, "Trần Thị Bình").set(DOSSIER.APPLICANT_PHONE, phone)
                .set(DOSSIER.RECEIVED_AT, dueAt.minus(10, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC))
                .set(DOSSIER.DUE_AT, dueAt.atOffset(ZoneOffset.UTC))
                .set(DOSSIER.RETURNED_AT, returned == null ? null : returned.atOffset(ZoneOffset.UTC))
                .set(DOSSIER.NEW_DUE_AT, newDue == null ? null : newDue.atOffset(ZoneOffset.UTC))
                .set(DOSSIER.STATUS, returned == null ? "IN_PROGRESS" : "RETURNED")
                .returning(DOSSIER.ID).fetchSingle().getId();
    }
}
