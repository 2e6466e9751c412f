package vn.dancham.admin.ratings;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MvcResult;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.WebIT;
import vn.dancham.calls.CallLog;
import vn.dancham.complaint.Complaints;
import vn.dancham.ivr.journal.AnswerJournal;
import vn.dancham.ivr.journal.JournalCall;
import vn.dancham.ivr.journal.JournalReplayer;
import vn.dancham.ivr.journal.KeptRating;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.organisation.Organisation;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.RatingWriter;
import vn.dancham.rating.Ratings;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.dancham.db.jooq.Tables.AUDIT_LOG;
import static vn.dancham.db.jooq.Tables.RATING;

/**
 * HR finds the citizens' answers the rating writer set aside, reads in Vietnamese why each waits, and counts one
 * again once the cause is mended; a press while it is not mended, and a second press, change nothing.
 */
class SetAsideAnswersPageIT extends WebIT {

    @Autowired DSLContext dsl;
    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired DossierRegistry registry;
    @Autowired Dossiers dossiers;
    @Autowired Ratings ratings;
    @Autowired RatingWriter writer;
    @Autowired Complaints complaints;
    @Autowired CallLog callLog;

    @Test
    void hrSeesWhyAnAnswerWaitsAndCountsItAgainOnceTheCauseIsMended() throws Exception {
        Instant now = Instant.now();
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.lateDossier(registry, p, now);
        long dossierId = dossiers.status(new ReceiptNumber(receipt)).orElseThrow().dossierId();
        // A question the hotline offered and an administrator removed before the writer applied the answer.
        String question = "Q" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String key = "set-aside-" + UUID.randomUUID();
        assertThat(ratings.submit(new RatingSubmission(null, dossierId, null, question, 4, p.applicantPhone(),
                now.minusSeconds(120), RatingSubmission.Channel.PHONE, key))).isTrue();
        writer.applyPending();
        long id = dsl.fetchOne("SELECT id FROM rating_inbox WHERE answer_key = ? AND failed_at IS NOT NULL", key)
                .get(0, Long.class);

        var hr = userWith(Role.HR);
        String flagged = page("/ratings/flagged", hr);
        assertThat(flagged).contains("câu trả lời của người dân chưa tính được vào điểm").contains("/ratings/set-aside");
        // HR's first page says so too; a leader (who cannot act on them) is not told.
        assertThat(page("/dashboard", hr)).contains("id=\"answers-set-aside\"");
        assertThat(page("/dashboard", userWith(Role.LEADER))).doesNotContain("id=\"answers-set-aside\"");

        String list = page("/ratings/set-aside", hr);
        String row = list.substring(list.indexOf("id=\"set-aside-" + id + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains(receipt).contains("Câu hỏi này không có trong hệ thống")
                .contains("Câu trả lời nhắc tới điều không có trong hệ thống").contains("Điện thoại")
                .contains("Tính lại").contains("Chi tiết kỹ thuật");

        // Pressed before the cause is mended: it stays aside, the page says so, the audit log keeps the attempt.
        String failed = press(id, hr);
        assertThat(failed).contains("Vẫn chưa tính được");
        assertThat(dsl.fetchCount(RATING, RATING.ANSWER_KEY.eq(key))).isZero();
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("RATING_ANSWER_FAILED"),
                AUDIT_LOG.TARGET_ID.eq(String.valueOf(id)))).isEqualTo(1);

        // The administrator puts the question back (not asked on the hotline any more): the answer counts.
        dsl.execute("INSERT INTO rating_question (code, criterion, seq, prompt_vi, prompt_en, active) "
                + "VALUES (?, 'OVERALL', 90, 'Câu hỏi cũ', 'Old question', false)", question);
        String applied = press(id, hr);
        assertThat(applied).contains("Đã tính lại: câu trả lời được tính vào điểm.")
                .doesNotContain("id=\"set-aside-" + id + "\"");
        long ratingId = dsl.select(RATING.ID).from(RATING).where(RATING.ANSWER_KEY.eq(key)).fetchSingle().value1();
        assertThat(dsl.select(RATING.STATUS).from(RATING).where(RATING.ID.eq(ratingId)).fetchSingle().value1())
                .isEqualTo("COUNTED");
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("RATING_ANSWER_APPLIED"),
                AUDIT_LOG.TARGET_ID.eq(String.valueOf(ratingId)))).isEqualTo(1);
        // The audit page names the action in words.
        assertThat(page("/admin/audit?q=RATING_ANSWER", userWith(Role.ADMIN))).contains("Tính lại câu trả lời bị giữ lại")
                .contains("Được tính vào điểm").doesNotContain(">COUNTED<");

        // A second press (another tab, another HR officer) counts nothing twice, and the answer cannot be closed now.
        assertThat(press(id, hr)).contains("đã được tính hoặc đã được bỏ qua");
        assertThat(discard(id, hr)).contains("đã được tính hoặc đã được bỏ qua");
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("RATING_ANSWER_DISCARDED"),
                AUDIT_LOG.TARGET_ID.eq(String.valueOf(id)))).isZero();
        assertThat(dsl.fetchCount(RATING, RATING.ANSWER_KEY.eq(key))).isEqualTo(1);
        assertThat(page("/ratings/set-aside", hr)).doesNotContain("set_aside").doesNotContain("FAILED_AGAIN");
    }

    @Test
    void anAnswerAboutADossierNotInTheRegisterSaysSoAndOthersCannotSeeThePage() throws Exception {
        String key = "set-aside-" + UUID.randomUUID();
        assertThat(ratings.submit(new RatingSubmission(null, 987_654_321L, null, "ATTITUDE", 2, "0912000111",
                Instant.now().minusSeconds(60), RatingSubmission.Channel.PHONE, key))).isTrue();
        writer.applyPending();
        long id = dsl.fetchOne("SELECT id FROM rating_inbox WHERE answer_key = ? AND failed_at IS NOT NULL", key)
                .get(0, Long.class);
        try {
            String list = page("/ratings/set-aside", userWith(Role.HR));
            String row = list.substring(list.indexOf("id=\"set-aside-" + id + "\""));
            row = row.substring(0, row.indexOf("</tr>"));
            assertThat(row).contains("Hồ sơ này không có trong hệ thống").contains("Thái độ phục vụ");
            assertThat(row).contains("Bỏ qua, không tính");
            for (Role role : new Role[] {Role.LEADER, Role.COMPLAINT_HANDLER}) {
                mvc.perform(get("/ratings/set-aside").with(user(userWith(role)))).andExpect(status().isForbidden());
                mvc.perform(post("/ratings/set-aside/" + id + "/retry").with(user(userWith(role))).with(csrf()))
                        .andExpect(status().isForbidden());
            }
            assertThat(dsl.fetchCount(RATING, RATING.ANSWER_KEY.eq(key))).isZero();

            // No such dossier will ever come: HR closes the answer, once the box says they are sure. It stays
            // stored, with who closed it.
            String unconfirmed = pressAndFollow("/ratings/set-aside/" + id + "/discard", userWith(Role.HR));
            assertThat(unconfirmed).contains("Câu trả lời chưa bị bỏ qua").contains("id=\"set-aside-" + id + "\"");
            assertThat(dsl.fetchOne("SELECT discarded_at FROM rating_inbox WHERE id = ?", id).get(0)).isNull();
            String closed = discard(id, userWith(Role.HR));
            assertThat(closed).contains("Đã bỏ qua câu trả lời").doesNotContain("id=\"set-aside-" + id + "\"");
            assertThat(dsl.fetchOne("SELECT discarded_by FROM rating_inbox WHERE id = ?", id).get(0, String.class))
                    .isEqualTo(userWith(Role.HR).getUsername());
            assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("RATING_ANSWER_DISCARDED"),
                    AUDIT_LOG.TARGET_ID.eq(String.valueOf(id)))).isEqualTo(1);
            assertThat(press(id, userWith(Role.HR))).contains("đã được tính hoặc đã được bỏ qua");
            assertThat(dsl.fetchCount(RATING, RATING.ANSWER_KEY.eq(key))).isZero();
        } finally {
            // Leaves no answer set aside for the other tests sharing this database.
            dsl.execute("DELETE FROM rating_inbox WHERE id = ?", id);
        }
    }

    /**
     * A rating the hotline kept in its journal during an outage, about a receipt number the register did not know
     * when the journal was replayed: it reaches HR's page (it used to go only to the node's rejected.log), the
     * number as the caller typed it, and counts once the dossier is imported, with the call it was given in.
     */
    @Test
    void aRatingTheJournalCouldNotApplyReachesHrAndCountsOnceItsDossierIsImported(@TempDir Path dir) throws Exception {
        Instant now = Instant.now();
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.receipt();
        String key = "journal-" + UUID.randomUUID();
        AnswerJournal journal = AnswerJournal.open(dir);
        journal.keep(new KeptRating(key, new JournalCall("1700000000." + Math.abs(key.hashCode()), null,
                p.applicantPhone(), "1022", "PJSIP/trunk-1", "node-a", now.minusSeconds(900), false), null, receipt,
                null, "ATTITUDE", 4, now.minusSeconds(800), null));
        JournalReplayer replayer = new JournalReplayer(journal, ratings, complaints, callLog, dossiers, 2);
        replayer.replayNow();
        assertThat(replayer.replayNow().rejected()).isEqualTo(1);
        assertThat(journal.pending()).isZero();
        assertThat(journal.rejected()).as("nothing left for an operator on the node's disk").isZero();
        long id = dsl.fetchOne("SELECT id FROM rating_inbox WHERE answer_key = ? AND failed_at IS NOT NULL", key)
                .get(0, Long.class);

        var hr = userWith(Role.HR);
        String list = page("/ratings/set-aside", hr);
        String row = list.substring(list.indexOf("id=\"set-aside-" + id + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains(receipt).contains("Hồ sơ này không có trong hệ thống").contains("Thái độ phục vụ");
        assertThat(press(id, hr)).contains("Vẫn chưa tính được");

        Fixtures.lateDossier(registry, p, now, receipt);
        assertThat(press(id, hr)).contains("Đã tính lại: câu trả lời được tính vào điểm.");
        var rating = dsl.selectFrom(RATING).where(RATING.ANSWER_KEY.eq(key)).fetchSingle();
        assertThat(rating.getDossierId()).isEqualTo(dossiers.status(new ReceiptNumber(receipt)).orElseThrow().dossierId());
        assertThat(rating.getCallId()).as("the call row the replay opened").isNotNull();
        assertThat(rating.getStatus()).isEqualTo("COUNTED");
        assertThat(rating.getIdentity()).isEqualTo("VERIFIED");
    }

    private String page(String url, WebUser who) throws Exception {
        return mvc.perform(get(url).with(user(who)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** Presses "Bỏ qua, không tính" and follows the redirect, flash message included. */
    private String discard(long id, WebUser who) throws Exception {
        return pressAndFollow("/ratings/set-aside/" + id + "/discard?confirm=true", who);
    }

    /** Presses "Tính lại" and follows the redirect, flash message included. */
    private String press(long id, WebUser who) throws Exception {
        return pressAndFollow("/ratings/set-aside/" + id + "/retry", who);
    }

    private String pressAndFollow(String url, WebUser who) throws Exception {
        MvcResult r = mvc.perform(post(url).with(user(who)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/ratings/set-aside")).andReturn();
        return mvc.perform(get("/ratings/set-aside").with(user(who)).flashAttrs(r.getFlashMap()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
