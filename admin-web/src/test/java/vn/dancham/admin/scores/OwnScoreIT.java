package vn.dancham.admin.scores;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.HttpSession;
import vn.dancham.admin.support.Ratings;
import vn.dancham.admin.support.WebIT;
import vn.dancham.admin.web.VietnameseCrawlIT;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.dossier.Dossiers;
import vn.dancham.organisation.Organisation;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.db.jooq.Tables.AUDIT_LOG;
import static vn.dancham.db.jooq.Tables.RATING_TARGET;
import static vn.dancham.db.jooq.Tables.REVIEW_REQUEST;

/**
 * {@code /toi} over real HTTP as an officer, and HR's queue: an officer sees their own answers (never a caller's
 * number), can ask for a review of their own items only, and reads HR's audited decision.
 */
class OwnScoreIT extends WebIT {

    @Autowired DSLContext dsl;
    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired DossierRegistry registry;
    @Autowired Dossiers dossiers;
    @Autowired vn.dancham.rating.Ratings ratings;
    @Autowired vn.dancham.complaint.Complaints complaints;
    @Autowired vn.dancham.complaint.ReportIncidents reportIncidents;
    @Autowired vn.dancham.complaint.ComplaintInbox inbox;

    Fixtures.Place p;
    String receipt;
    long counterRating;
    long specialistRating;

    @BeforeEach
    void answers() {
        p = Fixtures.place(organisation, procedures);
        receipt = Fixtures.lateDossier(registry, p, Instant.now());
        Instant at = Instant.now().minusSeconds(7200);
        // Attitude goes to the counter officer who received the dossier, timeliness to the specialist who made it late.
        Ratings.rate(ratings, dossiers, receipt, "ATTITUDE", 2, p.applicantPhone(), at);
        Ratings.rate(ratings, dossiers, receipt, "TIMELINESS", 1, p.applicantPhone(), at);
        counterRating = ratingOf(p.counterOfficerId());
        specialistRating = ratingOf(p.specialistId());
    }

    long ratingOf(long officerId) {
        return dsl.select(RATING_TARGET.RATING_ID).from(RATING_TARGET).where(RATING_TARGET.OFFICER_ID.eq(officerId))
                .fetchSingle(RATING_TARGET.RATING_ID);
    }

    /** A login for one officer, as an administrator links it. */
    HttpSession officer(long officerId) {
        String name = "t-officer-" + officerId;
        long id = users.create(name, "Cán bộ " + officerId, PASSWORD, EnumSet.of(Role.OFFICER), null, null);
        users.linkOfficer(id, officerId);
        HttpSession s = new HttpSession(baseUrl());
        assertThat(s.logIn(name, PASSWORD)).isTrue();
        return s;
    }

    @Test
    void anOfficerSeesTheirOwnAnswersWithoutAnyCallersNumberAndItsExplanation() {
        HttpSession me = officer(p.counterOfficerId());
        HttpResponse<String> page = me.get("/toi");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"rating-" + counterRating + "\"", "Thái độ phục vụ", "Lê Thị Quầy " + p.s(),
                "Điểm được tính như thế nào");
        assertThat(page.body()).as("another officer's answer, and any caller's number")
                .doesNotContain("id=\"rating-" + specialistRating + "\"", p.applicantPhone(), "Phạm Văn Chậm");
        assertThat(VietnameseCrawlIT.findings(VietnameseCrawlIT.visibleText(page.body()))).isEmpty();

        HttpResponse<String> specialist = officer(p.specialistId()).get("/toi");
        assertThat(specialist.body()).contains("id=\"rating-" + specialistRating + "\"", "Thẩm định")
                .doesNotContain("id=\"rating-" + counterRating + "\"");
    }

    @Test
    void anOfficerCannotReachAnotherOfficersDataByAnyPage() {
        HttpSession me = officer(p.counterOfficerId());
        me.get("/toi");
        HttpResponse<String> other = me.post("/toi/de-nghi", Map.of("kind", "RATING",
                "item", String.valueOf(specialistRating), "reason", "Không phải của tôi"));
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(dsl.fetchCount(REVIEW_REQUEST, REVIEW_REQUEST.RATING_ID.eq(specialistRating))).isZero();
        for (String url : List.of("/officers/" + p.specialistId(), "/officers/" + p.counterOfficerId(),
                "/dossiers/" + receipt, "/dossiers", "/scores", "/offices/" + p.counterOfficeId(), "/dashboard",
                "/reports/monthly", "/exports/scores.csv", "/ratings/appeals", "/complaints", "/test-call")) {
            assertThat(me.get(url).statusCode()).as(url).isEqualTo(403);
        }
        assertThat(me.get("/").headers().firstValue("Location").orElseThrow()).endsWith("/toi");
    }

    @Test
    void anOfficerAsksForAReviewOfAComplaintConfirmedAgainstThemAndNoOtherOfficerCan() {
        long complaint = vn.dancham.admin.support.Incidents.harassmentReport(complaints, reportIncidents, p, null);
        inbox.decide(complaint, vn.dancham.complaint.ComplaintInbox.Verdict.CONFIRMED, List.of(p.counterOfficerId()),
                "Đã xác minh tại quầy " + p.s(), userWith(Role.COMPLAINT_HANDLER).id(), Instant.now());
        HttpSession me = officer(p.counterOfficerId());
        assertThat(me.get("/toi").body()).contains("id=\"complaint-" + complaint + "\"", "Đã xác minh tại quầy " + p.s());
        HttpResponse<String> asked = me.post("/toi/de-nghi", Map.of("kind", "COMPLAINT",
                "item", String.valueOf(complaint), "reason", "Tôi không có mặt hôm đó"));
        assertThat(asked.statusCode()).isEqualTo(302);
        String after = me.get(asked.headers().firstValue("Location").orElseThrow().replace(baseUrl(), "")).body();
        assertThat(after).contains("Đã gửi đề nghị xem xét", "Tôi không có mặt hôm đó", "Phản ánh ngày");
        assertThat(VietnameseCrawlIT.findings(VietnameseCrawlIT.visibleText(after))).isEmpty();

        HttpSession specialist = officer(p.specialistId());
        specialist.get("/toi");
        assertThat(specialist.post("/toi/de-nghi", Map.of("kind", "COMPLAINT", "item", String.valueOf(complaint),
                "reason", "Xem lại giúp")).statusCode()).isEqualTo(404);
        assertThat(dsl.fetchCount(REVIEW_REQUEST, REVIEW_REQUEST.COMPLAINT_ID.eq(complaint))).isEqualTo(1);
    }

    @Test
    void anOfficersReviewRequestReachesHrWhoseAuditedDecisionComesBack() {
        HttpSession me = officer(p.counterOfficerId());
        me.get("/toi");
        HttpResponse<String> empty = me.post("/toi/de-nghi", Map.of("kind", "RATING",
                "item", String.valueOf(counterRating), "reason", " "));
        assertThat(empty.statusCode()).isEqualTo(302);
        assertThat(me.get(empty.headers().firstValue("Location").orElseThrow().replace(baseUrl(), "")).body())
                .contains("Hãy ghi lý do đề nghị xem xét");
        me.get("/toi");
        String reason = "Hôm đó tôi nghỉ phép, người tiếp nhận là đồng nghiệp " + p.s();
        assertThat(me.post("/toi/de-nghi", Map.of("kind", "RATING", "item", String.valueOf(counterRating),
                "reason", reason)).statusCode()).isEqualTo(302);
        assertThat(me.get("/toi?period=90d").body()).contains("Đã gửi đề nghị xem xét", reason, "Đang chờ Sở Nội vụ");
        me.get("/toi");
        HttpResponse<String> twice = me.post("/toi/de-nghi", Map.of("kind", "RATING",
                "item", String.valueOf(counterRating), "reason", reason));
        assertThat(me.get(twice.headers().firstValue("Location").orElseThrow().replace(baseUrl(), "")).body())
                .contains("Sở Nội vụ chưa trả lời");
        assertThat(dsl.fetchCount(REVIEW_REQUEST, REVIEW_REQUEST.RATING_ID.eq(counterRating))).isEqualTo(1);
        long requestId = dsl.select(REVIEW_REQUEST.ID).from(REVIEW_REQUEST)
                .where(REVIEW_REQUEST.RATING_ID.eq(counterRating)).fetchSingle(REVIEW_REQUEST.ID);

        HttpSession hr = new HttpSession(baseUrl());
        userWith(Role.HR);
        assertThat(hr.logIn("t-hr", PASSWORD)).isTrue();
        HttpResponse<String> queue = hr.get("/ratings/appeals");
        assertThat(queue.body()).contains("id=\"appeal-" + requestId + "\"", reason, "Lê Thị Quầy " + p.s());
        assertThat(VietnameseCrawlIT.findings(VietnameseCrawlIT.visibleText(queue.body()))).isEmpty();
        HttpResponse<String> noNote = hr.post("/ratings/appeals/" + requestId + "/decide",
                Map.of("decision", "REJECTED", "note", ""));
        assertThat(hr.get(noNote.headers().firstValue("Location").orElseThrow().replace(baseUrl(), "")).body())
                .contains("Khi không chấp nhận, hãy ghi lý do cho cán bộ");
        String note = "Sổ tiếp nhận ghi tên bạn " + p.s();
        hr.post("/ratings/appeals/" + requestId + "/decide", Map.of("decision", "REJECTED", "note", note));
        assertThat(dsl.select(AUDIT_LOG.ACTOR, AUDIT_LOG.ACTION, AUDIT_LOG.DETAIL).from(AUDIT_LOG)
                .where(AUDIT_LOG.TARGET_TYPE.eq("REVIEW_REQUEST"), AUDIT_LOG.TARGET_ID.eq(String.valueOf(requestId)))
                .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3()))
                .containsExactly("t-hr REVIEW_REQUEST_REJECTED " + note);
        hr.get("/ratings/appeals");
        hr.post("/ratings/appeals/" + requestId + "/decide", Map.of("decision", "ACCEPTED", "note", ""));
        assertThat(dsl.fetchOne(REVIEW_REQUEST, REVIEW_REQUEST.ID.eq(requestId)).getStatus())
                .as("a decided request stays decided").isEqualTo("REJECTED");

        assertThat(me.get("/toi").body()).contains("Không được chấp nhận", note);
        assertThat(me.post("/ratings/appeals/" + requestId + "/decide", Map.of("decision", "ACCEPTED")).statusCode())
                .isEqualTo(403);
    }
}
