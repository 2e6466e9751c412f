package vn.dancham.admin.citizen;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.HttpSession;
import vn.dancham.admin.support.WebIT;
import vn.dancham.admin.web.VietnameseCrawlIT;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.organisation.Organisation;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.db.jooq.Tables.DOSSIER;
import static vn.dancham.db.jooq.Tables.RATING;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;

/**
 * {@code /tra-cuu} over real HTTP, as a browser without an account posts it (session cookie, CSRF token from the
 * page), down to the rating rows and the SMS outbox in PostgreSQL.
 */
class CitizenLookupIT extends WebIT {

    @Autowired DSLContext dsl;
    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired DossierRegistry registry;

    Fixtures.Place p;
    String receipt;
    String digits;
    long dossierId;

    @BeforeEach
    void dossier() {
        p = Fixtures.place(organisation, procedures);
        receipt = Fixtures.lateDossier(registry, p, Instant.now());
        digits = p.applicantPhone().substring(p.applicantPhone().length() - 4);
        dossierId = dsl.select(DOSSIER.ID).from(DOSSIER).where(DOSSIER.RECEIPT_NO.eq(receipt)).fetchSingle(DOSSIER.ID);
    }

    HttpSession lookedUp() {
        HttpSession s = new HttpSession(baseUrl());
        s.get("/tra-cuu");
        HttpResponse<String> r = s.post("/tra-cuu", Map.of("receipt", receipt, "digits", digits));
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location").orElseThrow()).endsWith("/tra-cuu/ho-so");
        return s;
    }

    static String formKey(String page) {
        Matcher m = Pattern.compile("name=\"formKey\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static void speaksVietnamese(String page) {
        assertThat(VietnameseCrawlIT.findings(VietnameseCrawlIT.visibleText(page))).isEmpty();
    }

    @Test
    void theReceiptAndFourDigitsShowWhatTheHotlineReadsWithoutAnyName() {
        HttpSession s = lookedUp();
        HttpResponse<String> page = s.get("/tra-cuu/ho-so");
        assertThat(page.statusCode()).isEqualTo(200);
        String body = page.body();
        assertThat(body).contains(receipt, "Đăng ký biến động đất " + p.s(), "Bộ phận một cửa " + p.s(),
                "Thẩm định", "Phòng Tài nguyên " + p.s(), "Trễ hạn 2 ngày", "Đang giải quyết");
        assertThat(body).as("no citizen's or officer's name")
                .doesNotContain("Nguyễn Văn Dân", "Lê Thị Quầy", "Phạm Văn Chậm", p.applicantPhone());
        assertThat(body).contains("Thái độ phục vụ của cán bộ tiếp nhận hồ sơ", "Gửi mã qua tin nhắn");
        speaksVietnamese(body);

        HttpResponse<String> english = s.get("/tra-cuu/ho-so?lang=en");
        assertThat(english.body()).contains("days late", "Send rating", "In progress");
    }

    @Test
    void wrongDigitsAndUnknownReceiptsGetOneAnswerAndKeepWhatWasTyped() {
        HttpSession s = new HttpSession(baseUrl());
        s.get("/tra-cuu");
        String wrong = digits.equals("0000") ? "1111" : "0000";
        HttpResponse<String> r = s.post("/tra-cuu", Map.of("receipt", receipt, "digits", wrong));
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("Không tìm thấy hồ sơ với số biên nhận và 4 số điện thoại này",
                "value=\"" + receipt + "\"");
        speaksVietnamese(r.body());
        HttpResponse<String> unknown = s.post("/tra-cuu", Map.of("receipt", Fixtures.receipt(), "digits", digits));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(s.get("/tra-cuu/ho-so").statusCode()).as("nothing opened").isEqualTo(302);

        HttpResponse<String> bad = s.post("/tra-cuu", Map.of("receipt", "abc", "digits", "12"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Số biên nhận gồm 4 đến 20 chữ số", "Nhập đúng 4 chữ số cuối");
    }

    @Test
    void guessingOneReceiptsDigitsIsStoppedEvenForTheRightOnes() {
        HttpSession s = new HttpSession(baseUrl());
        s.get("/tra-cuu");
        int tried = 0;
        for (int guess = 0; tried < 10; guess++) {
            String g = String.format("%04d", guess);
            if (g.equals(digits)) {
                continue;
            }
            assertThat(s.post("/tra-cuu", Map.of("receipt", receipt, "digits", g)).statusCode()).isEqualTo(404);
            tried++;
        }
        HttpResponse<String> r = s.post("/tra-cuu", Map.of("receipt", receipt, "digits", digits));
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.body()).contains("quá nhiều lần");
    }

    @Test
    void aRatingWithoutCodeIsKnownThroughTheSameRatingPathWithChannelWeb() {
        HttpSession s = lookedUp();
        String page = s.get("/tra-cuu/ho-so").body();
        Map<String, String> form = Map.of("formKey", formKey(page), "action", "rate", "q.ATTITUDE", "5",
                "q.OVERALL", "4");
        HttpResponse<String> thanks = s.post("/tra-cuu/danh-gia", form);
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("Đã ghi nhận 2 câu trả lời", "nhờ 4 số điện thoại");
        speaksVietnamese(thanks.body());
        assertThat(dsl.select(RATING.CRITERION, RATING.VALUE, RATING.CHANNEL, RATING.IDENTITY, RATING.CALLER_NUMBER)
                .from(RATING).where(RATING.DOSSIER_ID.eq(dossierId)).orderBy(RATING.ID)
                .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3() + " " + r.value4() + " " + r.value5()))
                .containsExactly("ATTITUDE 5 WEB KNOWN null", "OVERALL 4 WEB KNOWN null");

        // The same form posted again (a reload) stores nothing more.
        s.get("/tra-cuu/ho-so");
        assertThat(s.post("/tra-cuu/danh-gia", form).statusCode()).isEqualTo(200);
        assertThat(dsl.fetchCount(RATING, RATING.DOSSIER_ID.eq(dossierId))).isEqualTo(2);
    }

    @Test
    void aCodeTextedToTheApplicantsPhoneMakesTheRatingVerifiedOnceAndAWrongCodeLosesNoAnswer() {
        HttpSession s = lookedUp();
        String page = s.get("/tra-cuu/ho-so").body();
        Map<String, String> answers = new LinkedHashMap<>(Map.of("formKey", formKey(page), "q.ATTITUDE", "2",
                "q.TIMELINESS", "1", "q.OVERALL", "2"));

        answers.put("action", "code");
        HttpResponse<String> sent = s.post("/tra-cuu/danh-gia", answers);
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("Đã gửi mã tới số điện thoại đuôi " + digits, "id=\"code\"");
        assertThat(sent.body()).as("the choices are still ticked").contains("id=\"q-ATTITUDE-2\" checked");
        speaksVietnamese(sent.body());
        var sms = dsl.selectFrom(SMS_MESSAGE).where(SMS_MESSAGE.PURPOSE.eq("ONE_TIME_CODE"))
                .and(SMS_MESSAGE.TO_PHONE.eq(p.applicantPhone())).fetch();
        assertThat(sms).hasSize(1);
        assertThat(sms.getFirst().getIncidentId()).isNull();
        Matcher m = Pattern.compile("([0-9]{6})").matcher(sms.getFirst().getBody());
        assertThat(m.find()).isTrue();
        String code = m.group(1);

        answers.put("action", "rate");
        answers.put("code", code.equals("000000") ? "111111" : "000000");
        HttpResponse<String> wrong = s.post("/tra-cuu/danh-gia", answers);
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(wrong.body()).contains("Mã không đúng. Bạn còn 4 lần thử", "id=\"q-TIMELINESS-1\" checked");
        assertThat(dsl.fetchCount(RATING, RATING.DOSSIER_ID.eq(dossierId))).isZero();

        answers.put("code", code);
        HttpResponse<String> thanks = s.post("/tra-cuu/danh-gia", answers);
        assertThat(thanks.statusCode()).isEqualTo(200);
        assertThat(thanks.body()).contains("Đã ghi nhận 3 câu trả lời", "đã được xác minh");
        assertThat(dsl.select(RATING.IDENTITY, RATING.CHANNEL, RATING.CALLER_NUMBER).from(RATING)
                .where(RATING.DOSSIER_ID.eq(dossierId))
                .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3()))
                .containsOnly("VERIFIED WEB " + p.applicantPhone()).hasSize(3);

        // The code is spent: a second form with it is refused.
        String again = s.get("/tra-cuu/ho-so").body();
        HttpResponse<String> reused = s.post("/tra-cuu/danh-gia", Map.of("formKey", formKey(again), "action", "rate",
                "q.ATTITUDE", "5", "code", code));
        assertThat(reused.statusCode()).isEqualTo(400);
        assertThat(reused.body()).contains("Chưa có mã nào được gửi");
    }

    @Test
    void aRatingWithNoAnswerIsRefusedWithAMessage() {
        HttpSession s = lookedUp();
        String page = s.get("/tra-cuu/ho-so").body();
        HttpResponse<String> r = s.post("/tra-cuu/danh-gia", Map.of("formKey", formKey(page), "action", "rate"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Hãy chọn mức đánh giá cho ít nhất một câu hỏi");
    }

    @Test
    void withoutALookUpThereIsNothingToRate() {
        HttpSession s = new HttpSession(baseUrl());
        s.get("/tra-cuu");
        assertThat(s.post("/tra-cuu/danh-gia", Map.of("action", "rate", "q.ATTITUDE", "1")).statusCode())
                .isEqualTo(302);
        assertThat(s.post("/tra-cuu/danh-gia", Map.of("action", "code")).statusCode()).isEqualTo(302);
        assertThat(dsl.fetchCount(SMS_MESSAGE, SMS_MESSAGE.TO_PHONE.eq(p.applicantPhone()))).isZero();
        assertThat(s.postRaw("/tra-cuu", Map.of("receipt", receipt, "digits", digits)).statusCode())
                .as("no CSRF token").isEqualTo(403);
    }
}
