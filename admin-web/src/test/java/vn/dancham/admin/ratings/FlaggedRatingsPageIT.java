package vn.dancham.admin.ratings;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.WebIT;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.dossier.Dossiers;
import vn.dancham.organisation.Organisation;
import vn.dancham.rating.RatingReceipt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.dancham.db.jooq.Tables.AUDIT_LOG;
import static vn.dancham.db.jooq.Tables.OFFICER;
import static vn.dancham.db.jooq.Tables.RATING;
import static vn.dancham.db.jooq.Tables.RATING_TARGET;

/** HR sees why an answer was held, in words, with the answers it was grouped with; decisions are audited. */
class FlaggedRatingsPageIT extends WebIT {

    @Autowired DSLContext dsl;
    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired DossierRegistry registry;
    @Autowired Dossiers dossiers;
    @Autowired vn.dancham.rating.Ratings ratings;

    @Test
    void theFlaggedPageShowsTheRuleAndTheEvidenceAndAValidDecisionIsAuditedAndCounts() throws Exception {
        Instant now = Instant.now();
        var p = Fixtures.place(organisation, procedures);
        String first = Fixtures.lateDossier(registry, p, now);
        String second = Fixtures.lateDossier(registry, p, now);
        String tail = String.format("%03d", Math.abs(p.s().hashCode()) % 1000);
        String digits = p.applicantPhone().substring(6);
        knowing(first, 2, "0966100" + tail, digits, now.minusSeconds(600));
        RatingReceipt held = knowing(second, 1, "0966200" + tail, digits, now);
        assertThat(held.outcome()).isEqualTo(RatingReceipt.Outcome.FLAGGED);

        var hr = userWith(Role.HR);
        String page = mvc.perform(get("/ratings/flagged").with(user(hr))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("Nhiều đánh giá thấp liền nhau về cùng cán bộ từ người gọi không phải người nộp hồ sơ")
                .contains("Được xét cùng các đánh giá (1)").contains(first).contains("đang tính")
                .doesNotContain("LOW_CLUSTER");

        mvc.perform(post("/ratings/" + held.ratingId() + "/review").with(user(hr)).with(csrf()).param("valid", "true"))
                .andExpect(status().is3xxRedirection());
        assertThat(dsl.select(RATING.STATUS).from(RATING).where(RATING.ID.eq(held.ratingId())).fetchSingle().value1())
                .isEqualTo("COUNTED");
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTION.eq("RATING_ACCEPTED"),
                AUDIT_LOG.TARGET_ID.eq(String.valueOf(held.ratingId())))).isEqualTo(1);
        // The decision sticks: the cleared caller re-rating that dossier is not pulled into a cluster again.
        assertThat(knowing(second, 1, "0966200" + tail, digits, now.plusSeconds(60)).outcome())
                .isEqualTo(RatingReceipt.Outcome.COUNTED);
    }

    /** A held answer that would count against two officers names both, so HR reviews it for each of them. */
    @Test
    void aHeldAnswerShowsEveryOfficerItCountsAgainst() throws Exception {
        Instant now = Instant.now();
        var p = Fixtures.place(organisation, procedures);
        String first = twoLateStages(p, now);
        String second = twoLateStages(p, now);
        String tail = String.format("%03d", Math.abs(p.s().hashCode() + 7) % 1000);
        String digits = p.applicantPhone().substring(6);
        answer(first, "TIMELINESS", 1, "0966300" + tail, digits, now.minusSeconds(600));
        RatingReceipt held = answer(second, "TIMELINESS", 1, "0966400" + tail, digits, now);
        assertThat(held.outcome()).isEqualTo(RatingReceipt.Outcome.FLAGGED);
        var names = dsl.select(OFFICER.FULL_NAME).from(RATING_TARGET).join(OFFICER).on(OFFICER.ID.eq(RATING_TARGET.OFFICER_ID))
                .where(RATING_TARGET.RATING_ID.eq(held.ratingId())).fetch(OFFICER.FULL_NAME);
        assertThat(names).as("the answer's officers").hasSizeGreaterThanOrEqualTo(2);

        String page = mvc.perform(get("/ratings/flagged").with(user(userWith(Role.HR)))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        String row = page.substring(page.indexOf("/ratings/" + held.ratingId() + "/review") - 3000,
                page.indexOf("/ratings/" + held.ratingId() + "/review"));
        assertThat(row).contains(names);
        // And the officer's own page, where the held answer is listed, names the other officer it counts for.
        String officer = mvc.perform(get("/officers/" + p.counterOfficerId() + "?period=30d").with(user(userWith(Role.HR))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(officer).contains("Cũng tính cho: Phạm Văn Chậm " + p.s());
    }

    /** A dossier whose reception (counter officer) and appraisal (specialist) both overran their due times. */
    private String twoLateStages(Fixtures.Place p, Instant now) {
        String receipt = Fixtures.receipt();
        var r = new vn.dancham.dossier.ReceiptNumber(receipt);
        Instant received = now.minusSeconds(10 * 86400);
        assertThat(registry.upsert(new vn.dancham.dossier.DossierData(r, p.procedureCode(), p.counterOfficeCode(),
                p.counterOfficerCode(), "Nguyễn Văn Dân", p.applicantPhone(), received, now.minusSeconds(86400), null,
                "IN_PROGRESS")).accepted()).isTrue();
        assertThat(registry.upsertStage(new vn.dancham.dossier.StageData(r, 1, p.counterOfficeCode(),
                p.counterOfficerCode(), "Tiếp nhận", received, received.plusSeconds(3600),
                received.plusSeconds(2 * 86400))).accepted()).isTrue();
        assertThat(registry.upsertStage(new vn.dancham.dossier.StageData(r, 2, p.deptOfficeCode(), p.specialistCode(),
                "Thẩm định", received.plusSeconds(2 * 86400), now.minusSeconds(3 * 86400), null)).accepted()).isTrue();
        return receipt;
    }

    private RatingReceipt answer(String receipt, String criterion, int value, String caller, String digits, Instant at) {
        long dossierId = dossiers.status(new vn.dancham.dossier.ReceiptNumber(receipt)).orElseThrow().dossierId();
        return ratings.record(new vn.dancham.rating.RatingSubmission(null, dossierId, null, criterion, value, caller,
                at, vn.dancham.rating.RatingSubmission.Channel.PHONE, null, digits, false));
    }

    /** An attitude answer from a caller who typed the applicant's phone digits at the knowledge check. */
    private RatingReceipt knowing(String receipt, int value, String caller, String digits, Instant at) {
        long dossierId = dossiers.status(new vn.dancham.dossier.ReceiptNumber(receipt)).orElseThrow().dossierId();
        return ratings.record(new vn.dancham.rating.RatingSubmission(null, dossierId, null, "ATTITUDE", value, caller,
                at, vn.dancham.rating.RatingSubmission.Channel.PHONE, null, digits, false));
    }
}
