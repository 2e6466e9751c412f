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
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.dancham.admin.support.HttpSession;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.db.jooq.Tables.CITIZEN_MESSAGE;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.RATING;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;
import static vn.dancham.db.jooq.Tables.SMS_OPT_OUT;

/**
 * Issue 17's "done when", on the demo province with Twilio played by WireMock through the real SDK: a returned demo
 * dossier's applicant receives the invitation, replies {@code 5 4 5}, and the answers show on the officer's page as
 * SMS, VERIFIED; a late dossier's applicant receives the apology. The demo itself holds invitations, replies and
 * apologies.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dancham.demo.load=AUTO", "dancham.citizen.sms.scheduler-enabled=false"})
@ActiveProfiles("test")
// The demo's context is closed after this class: its dispatcher must not outlive WireMock-Twilio.
@org.springframework.test.annotation.DirtiesContext
class CitizenSmsDemoIT {

    static final WireMockServer twilio = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    static {
        twilio.start();
        CitizenSmsTwilio.stub(twilio);
    }

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry registry) {
        registry.add("dancham.twilio.account-sid", () -> CitizenSmsTwilio.ACCOUNT);
        registry.add("dancham.twilio.from-number", () -> "+15005550006");
        registry.add("dancham.twilio.api-base-url", twilio::baseUrl);
        registry.add("dancham.twilio.request-timeout", () -> "30s");
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    DSLContext dsl;

    @Test
    void aReturnedDemoDossiersApplicantIsInvitedRepliesFiveFourFiveAndTheOfficerPageShowsSmsVerified()
            throws Exception {
        // A returned demo dossier whose applicant was invited and has not texted anything yet. The invitation is
        // told from other SMS by its words, not by the receipt: the demo's 12th applicant also texts "HS <receipt>",
        // and the status reply about the same dossier reaches Twilio first (CI failed once when this test took that
        // applicant). It must still be the one a reply counts for: the applicant's latest invitation (as the reader
        // orders them: by time, then by id, for two dossiers of one applicant invited by the same sweep), well
        // inside the answer window (the demo's sweeps go back 14 days, the window's length, so its first
        // invitations leave the window at 09:00 local time; CI failed once when this test took one of those). The
        // earliest such invitation, because the outbox sends in order.
        var texted = CITIZEN_MESSAGE.as("texted");
        var later = CITIZEN_MESSAGE.as("later");
        var invitation = dsl.select(CITIZEN_MESSAGE.DOSSIER_ID, CITIZEN_MESSAGE.PHONE, DOSSIER.RECEIPT_NO,
                        DOSSIER.RECEIVING_OFFICER_ID)
                .from(CITIZEN_MESSAGE).join(DOSSIER).on(DOSSIER.ID.eq(CITIZEN_MESSAGE.DOSSIER_ID))
                .where(CITIZEN_MESSAGE.KIND.eq("INVITATION")).and(CITIZEN_MESSAGE.DIRECTION.eq("OUT"))
                .and(DOSSIER.RECEIVING_OFFICER_ID.isNotNull())
                .andNotExists(dsl.selectOne().from(RATING).where(RATING.DOSSIER_ID.eq(DOSSIER.ID))
                        .and(RATING.CHANNEL.eq("SMS")))
                .andNotExists(dsl.selectOne().from(texted).where(texted.PHONE.eq(CITIZEN_MESSAGE.PHONE))
                        .and(texted.DIRECTION.eq("IN")))
                .andNotExists(dsl.selectOne().from(SMS_OPT_OUT).where(SMS_OPT_OUT.PHONE.eq(CITIZEN_MESSAGE.PHONE)))
                .and(CITIZEN_MESSAGE.AT.gt(java.time.OffsetDateTime.now().minusDays(7)))
                .andNotExists(dsl.selectOne().from(later).where(later.PHONE.eq(CITIZEN_MESSAGE.PHONE))
                        .and(later.KIND.eq("INVITATION")).and(later.DIRECTION.eq("OUT"))
                        .and(later.AT.gt(CITIZEN_MESSAGE.AT).or(later.AT.eq(CITIZEN_MESSAGE.AT)
                                .and(later.ID.gt(CITIZEN_MESSAGE.ID)))))
                .orderBy(CITIZEN_MESSAGE.ID).limit(1).fetchSingle();
        long dossierId = invitation.value1();
        String phone = invitation.value2();
        String receipt = invitation.value3();

        LoggedRequest sent = CitizenSmsTwilio.awaitSms(twilio, phone, "HS " + receipt + " da tra");
        String text = CitizenSmsTwilio.form(sent.getBodyAsString()).get("Body");
        System.out.println("[issue 17] invitation as Twilio got it: " + text);
        assertThat(text).contains("HS " + receipt + " da tra").contains("5 4 5").contains("1022");

        HttpResponse<String> reply = CitizenSmsTwilio.inbound(port, "SM" + "17".repeat(16), phone, "5 4 5");
        assertThat(reply.statusCode()).isEqualTo(200);
        // Nothing in the TwiML: whatever goes back to a citizen goes through the outbox.
        assertThat(reply.body()).doesNotContain("<Message>");
        // The reply was read as answers to this dossier (not as unreadable, nor as answers to another invitation).
        assertThat(dsl.select(CITIZEN_MESSAGE.KIND, CITIZEN_MESSAGE.DOSSIER_ID).from(CITIZEN_MESSAGE)
                .where(CITIZEN_MESSAGE.PHONE.eq(phone)).and(CITIZEN_MESSAGE.DIRECTION.eq("IN"))
                .orderBy(CITIZEN_MESSAGE.ID.desc()).limit(1).fetchSingle().intoList())
                .containsExactly("ANSWERS", dossierId);

        var answers = dsl.select(RATING.VALUE, RATING.CHANNEL, RATING.IDENTITY, RATING.STATUS).from(RATING)
                .where(RATING.DOSSIER_ID.eq(dossierId)).and(RATING.CHANNEL.eq("SMS")).orderBy(RATING.ID).fetch();
        assertThat(answers).hasSize(3);
        assertThat(answers.map(r -> r.value1().intValue())).containsExactly(5, 4, 5);
        assertThat(answers.map(r -> r.value3())).containsOnly("VERIFIED");
        assertThat(answers.map(r -> r.value4())).containsOnly("COUNTED");

        HttpSession hr = new HttpSession("http://localhost:" + port);
        assertThat(hr.logIn("hr", "demo1234")).isTrue();
        String officerPage = hr.get("/officers/" + invitation.value4()).body();
        assertThat(officerPage).contains("Đúng số người nộp</td><td class=\"channel\">Tin nhắn</td>");
        // The dossier's page shows the invitation and the answers.
        String dossierPage = hr.get("/dossiers/" + receipt).body();
        assertThat(dossierPage).contains("Gửi lời mời chấm điểm").contains("Nhận điểm chấm qua tin nhắn")
                .contains("Đã ghi điểm: 5 4 5").contains("từ số của người nộp");
    }

    @Test
    void aLateDemoDossiersApplicantReceivesTheApologyWithItsNewDate() throws Exception {
        System.out.println("[issue 17] late open demo dossiers: " + dsl.fetchCount(DOSSIER,
                DOSSIER.RETURNED_AT.isNull().and(DOSSIER.DUE_AT.lt(java.time.OffsetDateTime.now()))));
        var apology = dsl.select(CITIZEN_MESSAGE.PHONE, DOSSIER.RECEIPT_NO, DOSSIER.NEW_DUE_AT).from(CITIZEN_MESSAGE)
                .join(DOSSIER).on(DOSSIER.ID.eq(CITIZEN_MESSAGE.DOSSIER_ID))
                .where(CITIZEN_MESSAGE.KIND.eq("APOLOGY")).and(CITIZEN_MESSAGE.DIRECTION.eq("OUT"))
                .orderBy(DOSSIER.NEW_DUE_AT.isNull(), CITIZEN_MESSAGE.ID).limit(1).fetchSingle();
        String text = CitizenSmsTwilio.form(CitizenSmsTwilio.awaitSms(twilio, apology.value1(),
                "ho so " + apology.value2() + " da qua han")
                .getBodyAsString()).get("Body");
        System.out.println("[issue 17] apology as Twilio got it: " + text);
        assertThat(text).contains("xin loi").contains("ho so " + apology.value2()).contains("qua han")
                .contains(apology.value3() != null ? "Hen tra moi" : "se bao ngay tra moi").contains("1022");

        HttpSession head = new HttpSession("http://localhost:" + port);
        assertThat(head.logIn("admin", "demo1234")).isTrue();
        assertThat(head.get("/reports/apologies").body()).contains(apology.value2());
        String letter = head.get("/dossiers/" + apology.value2() + "/apology-letter").body();
        assertThat(letter).contains("Phiếu xin lỗi và hẹn lại ngày trả kết quả").contains(apology.value2())
                .contains("Chúng tôi xin hẹn lại ngày trả kết quả: ngày");
    }

    @Test
    void theDemoHoldsInvitationsRepliesApologiesAndAnOptOut() {
        int invitations = dsl.fetchCount(CITIZEN_MESSAGE, CITIZEN_MESSAGE.KIND.eq("INVITATION")
                .and(CITIZEN_MESSAGE.DIRECTION.eq("OUT")));
        int apologies = dsl.fetchCount(CITIZEN_MESSAGE, CITIZEN_MESSAGE.KIND.eq("APOLOGY")
                .and(CITIZEN_MESSAGE.DIRECTION.eq("OUT")));
        int answered = dsl.fetchCount(CITIZEN_MESSAGE, CITIZEN_MESSAGE.KIND.eq("ANSWERS"));
        int smsRatings = dsl.fetchCount(RATING, RATING.CHANNEL.eq("SMS"));
        System.out.printf("[issue 17] demo: %d invitations, %d answered, %d SMS answers, %d apologies%n",
                invitations, answered, smsRatings, apologies);
        assertThat(invitations).isGreaterThan(10);
        assertThat(apologies).isPositive();
        assertThat(answered).isPositive();
        assertThat(smsRatings).isGreaterThanOrEqualTo(3 * answered);
        assertThat(dsl.fetchCount(SMS_OPT_OUT)).isPositive();
        assertThat(dsl.fetchCount(CITIZEN_MESSAGE, CITIZEN_MESSAGE.KIND.eq("STATUS")
                .and(CITIZEN_MESSAGE.DIRECTION.eq("IN")).and(CITIZEN_MESSAGE.DETAIL.eq("NOT_APPLICANT")))).isPositive();
        // Each invitation and apology is one outbox row: never two for one dossier.
        assertThat(dsl.fetchCount(SMS_MESSAGE, SMS_MESSAGE.PURPOSE.eq("INVITATION"))).isEqualTo(invitations);
        assertThat(dsl.fetchCount(SMS_MESSAGE, SMS_MESSAGE.PURPOSE.eq("APOLOGY"))).isEqualTo(apologies);
    }

}
