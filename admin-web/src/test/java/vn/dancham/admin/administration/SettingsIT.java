package vn.dancham.admin.administration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.HttpSession;
import vn.dancham.admin.support.WebIT;
import vn.dancham.escalation.EscalationPolicies;
import vn.dancham.escalation.Severity;
import vn.dancham.rating.RatingQuestion;
import vn.dancham.rating.RatingQuestions;
import vn.dancham.rating.Ratings;
import vn.dancham.scoring.ScoringSetting;
import vn.dancham.scoring.ScoringSettings;
import vn.dancham.scoring.ScoringSettingsEditor;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The settings page over real HTTP, as a browser posts it (session cookie, CSRF token from the page): an
 * administrator changes scoring weights, rating questions and an escalation policy; bad values come back with a
 * message at the field and change nothing; every change is audited; other roles and token-less posts are refused.
 * Each test puts the shared application's settings back as it found them.
 */
class SettingsIT extends WebIT {

    @Autowired
    ScoringSettings scoring;

    @Autowired
    ScoringSettingsEditor scoringEditor;

    @Autowired
    RatingQuestions questions;

    @Autowired
    Ratings ratings;

    @Autowired
    EscalationPolicies policies;

    @Autowired
    AuditLog auditLog;

    HttpSession admin() {
        String name = userWith(Role.ADMIN).getUsername();
        HttpSession session = new HttpSession(baseUrl());
        assertThat(session.logIn(name, PASSWORD)).isTrue();
        return session;
    }

    Map<String, String> scoringForm() {
        Map<String, String> form = new LinkedHashMap<>();
        scoringEditor.values().forEach(v -> form.put(v.setting().name(), v.effective()));
        return form;
    }

    void restoreScoring(Map<String, String> form) {
        Map<ScoringSetting, String> values = new EnumMap<>(ScoringSetting.class);
        form.forEach((k, v) -> values.put(ScoringSetting.valueOf(k), v));
        assertThat(scoringEditor.update(values, "test").accepted()).isTrue();
    }

    @Autowired vn.dancham.admin.web.Labels labels;

    /** An audit detail as the Vietnamese audit page words it (details are stored as codes, issue 19). */
    private String vietnamese(AuditLog.Entry e) {
        org.springframework.context.i18n.LocaleContextHolder.setLocale(java.util.Locale.forLanguageTag("vi"));
        try {
            return labels.stored(e.detailText(), e.detail());
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
        }
    }

    @Test
    void anAdministratorChangesAWeightAndItIsInForceAndAudited() {
        Map<String, String> original = scoringForm();
        try {
            HttpSession session = admin();
            String page = session.get("/admin/settings").body();
            assertThat(page).contains("id=\"scoring-form\"").contains("dancham.scoring.model.satisfaction-weight")
                    .contains("id=\"questions-audio-note\"");

            Map<String, String> form = new LinkedHashMap<>(original);
            form.put("SATISFACTION_WEIGHT", "0,75");
            form.put("DAILY_CAP", "9");
            HttpResponse<String> saved = session.post("/admin/settings/scoring", form);
            assertThat(saved.statusCode()).isEqualTo(302);
            assertThat(saved.headers().firstValue("Location").orElseThrow()).endsWith("/admin/settings#scoring");
            // Shown back the Vietnamese way, with a decimal comma.
            assertThat(session.get("/admin/settings").body()).contains("id=\"settings-saved\"")
                    .contains("đã đổi trên web").contains("value=\"0,75\"");

            assertThat(scoring.current().model().satisfactionWeight()).isEqualByComparingTo("0.75");
            assertThat(scoring.current().antiGaming().dailyCap()).isEqualTo(9);
            assertThat(auditLog.search("dancham.scoring.model.satisfaction-weight", 5, 0)).first().satisfies(e -> {
                assertThat(e.action()).isEqualTo("SETTING_CHANGED");
                assertThat(e.actor()).isEqualTo(userWith(Role.ADMIN).getUsername());
                assertThat(e.detail()).isEqualTo(original.get("SATISFACTION_WEIGHT") + " → 0.75");
            });
            assertThat(session.get("/admin/audit?q=SETTING_CHANGED").body())
                    .contains("Đổi thông số tính điểm")
                    .contains("Số lượt đánh giá tối đa được tính cho một số điện thoại mỗi ngày")
                    .contains(original.get("DAILY_CAP") + " → 9");
        } finally {
            restoreScoring(original);
        }
    }

    @Test
    void badValuesComeBackWithAMessageAtTheFieldAndChangeNothing() {
        Map<String, String> original = scoringForm();
        HttpSession session = admin();
        session.get("/admin/settings");
        Map<String, String> form = new LinkedHashMap<>(original);
        form.put("SATISFACTION_WEIGHT", "0");
        form.put("ON_TIME_WEIGHT", "250");
        form.put("DAILY_CAP", "nhiều");
        HttpResponse<String> refused = session.post("/admin/settings/scoring", form);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"scoring-errors\"")
                .contains("id=\"error-SATISFACTION_WEIGHT\"").contains("Phải lớn hơn 0")
                .contains("id=\"error-ON_TIME_WEIGHT\"").contains("Phải trong khoảng 0 đến 100.")
                .contains("id=\"error-DAILY_CAP\"")
                // What the administrator typed stays in the form.
                .contains("value=\"250\"").contains("value=\"nhiều\"");
        assertThat(scoringForm()).isEqualTo(original);
    }

    @Test
    void otherRolesAndPostsWithoutTheTokenAreRefused() {
        Map<String, String> original = scoringForm();
        Map<String, String> form = new LinkedHashMap<>(original);
        form.put("PRIOR_WEIGHT", "3");

        HttpSession hr = new HttpSession(baseUrl());
        assertThat(hr.logIn(userWith(Role.HR).getUsername(), PASSWORD)).isTrue();
        assertThat(hr.get("/admin/settings").statusCode()).isEqualTo(403);
        hr.get("/");
        assertThat(hr.post("/admin/settings/scoring", form).statusCode()).isEqualTo(403);
        assertThat(hr.post("/admin/settings/escalation",
                Map.of("severity", "URGENT", "waitMinutes", "1", "maxLevel", "1", "repeats", "0")).statusCode())
                .isEqualTo(403);

        HttpSession admin = admin();
        assertThat(admin.postRaw("/admin/settings/scoring", form).statusCode()).isEqualTo(403);
        assertThat(scoringForm()).isEqualTo(original);
    }

    @Test
    void anAdministratorReordersAndSwitchesOffQuestionsButCannotSwitchOffAll() {
        List<RatingQuestions.Question> before = questions.all();
        try {
            HttpSession session = admin();
            String page = session.get("/admin/settings").body();
            assertThat(page).contains("question-attitude.wav").contains("Thái độ của cán bộ tiếp nhận hồ sơ?");

            Map<String, String> form = new LinkedHashMap<>();
            RatingQuestions.Question first = before.getFirst();
            int seq = before.size();
            for (RatingQuestions.Question q : before) {
                String p = "q" + q.id() + ".";
                // Reverse the order; the first question is switched off and reworded.
                form.put(p + "seq", String.valueOf(seq--));
                form.put(p + "promptVi", q == first ? "Cán bộ một cửa có lịch sự không?" : q.promptVi());
                form.put(p + "promptEn", q.promptEn());
                if (q != first) {
                    form.put(p + "active", "true");
                }
            }
            HttpResponse<String> saved = session.post("/admin/settings/questions", form);
            assertThat(saved.statusCode()).isEqualTo(302);
            List<String> expected = new ArrayList<>(before.stream().skip(1).map(RatingQuestions.Question::code).toList());
            java.util.Collections.reverse(expected);
            assertThat(ratings.activeQuestions()).extracting(RatingQuestion::code).containsExactlyElementsOf(expected);
            assertThat(auditLog.search("RATING_QUESTION_CHANGED", 10, 0)).anySatisfy(e -> {
                assertThat(e.targetId()).isEqualTo(first.code());
                assertThat(vietnamese(e)).contains("đang hỏi: có → không").contains("«Cán bộ một cửa có lịch sự không?»");
            });

            session.get("/admin/settings");
            Map<String, String> noneAsked = new LinkedHashMap<>(form);
            noneAsked.keySet().removeIf(k -> k.endsWith(".active"));
            HttpResponse<String> refused = session.post("/admin/settings/questions", noneAsked);
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).contains("id=\"questions-none-active\"");
            assertThat(ratings.activeQuestions()).extracting(RatingQuestion::code).containsExactlyElementsOf(expected);
        } finally {
            questions.update(before.stream().map(q -> new RatingQuestions.Edit(q.id(), String.valueOf(q.seq()),
                    q.promptVi(), q.promptEn(), q.active())).toList());
        }
    }

    @Test
    void anAdministratorChangesTheUrgentPolicy() {
        EscalationPolicies.Policy urgent = policies.all().getFirst();
        try {
            HttpSession session = admin();
            session.get("/admin/settings");
            HttpResponse<String> refused = session.post("/admin/settings/escalation",
                    Map.of("severity", "URGENT", "waitMinutes", "0", "maxLevel", "3", "repeats", "11"));
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body()).contains("id=\"policy-error-URGENT-WAIT_MINUTES\"")
                    .contains("Thời gian chờ từ 1 đến 1440 phút.").contains("Số vòng nhắn lại từ 0 đến 10.");
            assertThat(policies.all().getFirst()).isEqualTo(urgent);

            HttpResponse<String> saved = session.post("/admin/settings/escalation",
                    Map.of("severity", "URGENT", "waitMinutes", "12", "maxLevel", "2", "repeats", "1"));
            assertThat(saved.statusCode()).isEqualTo(302);
            EscalationPolicies.Policy now = policies.all().getFirst();
            assertThat(now.waitMinutes()).isEqualTo(12);
            assertThat(now.maxLevel()).isEqualTo(2);
            assertThat(auditLog.search("ESCALATION_POLICY_CHANGED", 5, 0)).first().satisfies(e -> {
                assertThat(e.targetId()).isEqualTo("URGENT");
                assertThat(vietnamese(e)).contains("chờ xác nhận " + urgent.waitMinutes() + " → 12 phút")
                        .contains("lên tới cấp " + urgent.maxLevel() + " → 2");
            });
            assertThat(session.get("/admin/settings").body()).contains("Đã lưu chính sách báo lãnh đạo")
                    // What each SMS template costs with the configured diacritics: one GSM-7 segment by default.
                    .contains("id=\"sms-template-segments\"").contains("Phản ánh vòi vĩnh (lần đầu)")
                    .contains("1 đoạn tin · ");
        } finally {
            policies.update(Severity.URGENT, String.valueOf(urgent.waitMinutes()), String.valueOf(urgent.maxLevel()),
                    String.valueOf(urgent.repeats()));
        }
    }
}
