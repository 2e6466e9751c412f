package vn.dancham.admin.feedback;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.WebIT;
import vn.dancham.feedback.NewFeedback;
import vn.dancham.feedback.OffensiveWords;
import vn.dancham.feedback.Topic;
import vn.dancham.feedback.WebFeedbacks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static vn.dancham.db.jooq.Tables.FEEDBACK_ALERT;
import static vn.dancham.db.jooq.Tables.SMS_MESSAGE;
import static vn.dancham.db.jooq.Tables.WEB_FEEDBACK;

/** The feedback page's limits and CSRF over the MVC stack, the administrators' word list and the daily reminder. */
class FeedbackIT extends WebIT {

    @Autowired DSLContext dsl;
    @Autowired WebFeedbacks feedbacks;
    @Autowired OffensiveWords words;
    @Autowired Scheduler scheduler;

    private static String phone() {
        return "0914" + String.format("%06d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000L));
    }

    /** Each test its own client address, so the per-client limits of one test do not reach another. */
    private static RequestPostProcessor from(String address) {
        return r -> {
            r.setRemoteAddr(address);
            return r;
        };
    }

    private static MockMultipartHttpServletRequestBuilder form(String phone, String action, String code) {
        MockMultipartHttpServletRequestBuilder b = multipart("/gop-y");
        b.param("fullName", "Lê Văn Cường").param("phone", phone).param("address", "Xã Gio Mỹ")
                .param("email", "cuong@example.vn").param("topic", "DELAY").param("body", "Hồ sơ chậm.")
                .param("action", action).param("code", code);
        b.file(new MockMultipartFile("files", "", "application/octet-stream", new byte[0]));
        return b;
    }

    private long stored(String phone, String client) {
        return ((WebFeedbacks.Outcome.Stored) feedbacks.submit(new NewFeedback("A", phone, "B", "a@b.vn", Topic.OTHER,
                null, null, null, "Nội dung", List.of(), client, Instant.now()))).complaintId();
    }

    @Test
    void aPhoneThatSentItsDailyShareIsRefusedBeforeItsCodeIsSpent() throws Exception {
        String phone = phone();
        for (int i = 0; i < 3; i++) {
            stored(phone, "10.1.0." + i);
        }
        MockHttpSession session = new MockHttpSession();
        String client = "10.2.0.1";
        mvc.perform(form(phone, "code", "").session(session).with(csrf()).with(from(client)));
        String body = dsl.select(SMS_MESSAGE.BODY).from(SMS_MESSAGE).where(SMS_MESSAGE.TO_PHONE.eq(phone))
                .fetchSingle(SMS_MESSAGE.BODY);
        Matcher m = Pattern.compile("([0-9]{6})").matcher(body);
        assertThat(m.find()).isTrue();
        var r = mvc.perform(form(phone, "send", m.group(1)).session(session).with(csrf()).with(from(client)))
                .andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(429);
        assertThat(r.getContentAsString(StandardCharsets.UTF_8)).contains("đã gửi đủ số góp ý cho phép trong một ngày")
                .contains("Lê Văn Cường");
        assertThat(dsl.fetchCount(WEB_FEEDBACK, WEB_FEEDBACK.PHONE.eq(phone))).isEqualTo(3);

        // Without Twilio the code was only simulated: an administrator trying the page can read it, nobody else.
        for (int i = 0; i < 600 && dsl.fetchCount(SMS_MESSAGE, SMS_MESSAGE.TO_PHONE.eq(phone)
                .and(SMS_MESSAGE.STATE.eq("SIMULATED"))) == 0; i++) {
            Thread.sleep(100);
        }
        assertThat(mvc.perform(get("/admin/sms-codes").with(user(userWith(Role.ADMIN)))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8)).contains(phone, body);
    }

    @Test
    void oneClientAddressIsLimitedToTenFeedbackADayWhateverThePhones() {
        String client = "10.3.0." + Math.floorMod(UUID.randomUUID().hashCode(), 250);
        for (int i = 0; i < 10; i++) {
            stored(phone(), client);
        }
        assertThat(feedbacks.overLimit(phone(), client, Instant.now())).containsInstanceOf(WebFeedbacks.Outcome.ClientLimit.class);
        assertThat(feedbacks.submit(new NewFeedback("A", phone(), "B", "a@b.vn", Topic.OTHER, null, null, null, "x",
                List.of(), client, Instant.now()))).isInstanceOf(WebFeedbacks.Outcome.ClientLimit.class);
    }

    @Test
    void aPostWithoutTheFormsCsrfTokenIsRefused() throws Exception {
        String phone = phone();
        assertThat(mvc.perform(form(phone, "code", "").with(from("10.4.0.1"))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(dsl.fetchCount(SMS_MESSAGE, SMS_MESSAGE.TO_PHONE.eq(phone))).isZero();
    }

    @Test
    void anAdministratorKeepsTheWordListAndANewWordHoldsAtOnce() throws Exception {
        String word = "từ thử " + UUID.randomUUID().toString().substring(0, 6);
        var admin = user(userWith(Role.ADMIN));
        mvc.perform(post("/admin/settings/offensive-words").param("word", word).with(admin).with(csrf()));
        assertThat(words.list()).extracting(OffensiveWords.Entry::word).contains(word);
        assertThat(words.found("có " + word.toUpperCase() + " ở đây")).containsExactly(word);
        String page = mvc.perform(post("/admin/settings/offensive-words").param("word", word).with(admin).with(csrf())
                .session(new MockHttpSession())).andReturn().getFlashMap().get("outcome").toString();
        assertThat(page).isEqualTo("DUPLICATE");
        long id = words.list().stream().filter(e -> e.word().equals(word)).findFirst().orElseThrow().id();
        mvc.perform(post("/admin/settings/offensive-words/" + id + "/delete").with(admin).with(csrf()));
        assertThat(words.found("có " + word + " ở đây")).isEmpty();
    }

    @Test
    void theDailyReminderCountsWhatNoHandlerHasReviewedAndShowsInTheInbox() throws Exception {
        JobKey job = new JobKey(FeedbackAlertSchedule.NAME, FeedbackAlertSchedule.GROUP);
        assertThat(scheduler.getJobDetail(job).getJobClass()).isEqualTo(FeedbackAlertJob.class);
        var trigger = scheduler.getTrigger(new TriggerKey(FeedbackAlertSchedule.NAME, FeedbackAlertSchedule.GROUP));
        assertThat(((CronTrigger) trigger).getCronExpression()).isEqualTo("0 0 7 * * ?");

        long id = stored(phone(), "10.5.0.1");
        dsl.deleteFrom(FEEDBACK_ALERT).execute();
        scheduler.triggerJob(job);
        for (int i = 0; i < 600 && dsl.fetchCount(FEEDBACK_ALERT) == 0; i++) {
            Thread.sleep(100);
        }
        int waiting = dsl.fetchCount(WEB_FEEDBACK, WEB_FEEDBACK.REVIEWED_AT.isNull());
        WebFeedbacks.Alert alert = feedbacks.latestAlert().orElseThrow();
        assertThat(alert.waiting()).isEqualTo(waiting).isPositive();

        var handler = user(userWith(Role.COMPLAINT_HANDLER));
        String inbox = mvc.perform(get("/complaints").with(handler)).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(inbox).contains("id=\"feedback-alert\"", waiting + " góp ý trên trang web chưa được xem xét");

        mvc.perform(post("/complaints/" + id + "/review").with(handler).with(csrf()));
        assertThat(feedbacks.find(id).orElseThrow().reviewedAt()).isNotNull();
        assertThat(feedbacks.remind(LocalDate.of(2099, 1, 1), Instant.now()).waiting()).isEqualTo(waiting - 1);
        // A second run on the same day (another node, a misfire) keeps the first count.
        stored(phone(), "10.5.0.2");
        assertThat(feedbacks.remind(LocalDate.of(2099, 1, 1), Instant.now()).waiting()).isEqualTo(waiting - 1);
        dsl.deleteFrom(FEEDBACK_ALERT).where(FEEDBACK_ALERT.DAY.eq(LocalDate.of(2099, 1, 1))).execute();
    }
}
