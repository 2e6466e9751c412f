package vn.dancham.admin.scores;

import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.Browser;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.Ratings;
import vn.dancham.admin.support.WebIT;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.dossier.Dossiers;
import vn.dancham.organisation.Organisation;

import java.time.Instant;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancham.db.jooq.Tables.RATING_TARGET;

/** In Chromium: an officer logs in, lands on their own page and asks HR to review an answer; HR accepts it. */
class OwnScoreBrowserIT extends WebIT {

    @Autowired DSLContext dsl;
    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired DossierRegistry registry;
    @Autowired Dossiers dossiers;
    @Autowired vn.dancham.rating.Ratings ratings;

    @Test
    void anOfficerAsksForAReviewAndReadsHrsAnswer() {
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());
        Ratings.rate(ratings, dossiers, receipt, "ATTITUDE", 1, p.applicantPhone(), Instant.now().minusSeconds(3600));
        long rating = dsl.select(RATING_TARGET.RATING_ID).from(RATING_TARGET)
                .where(RATING_TARGET.OFFICER_ID.eq(p.counterOfficerId())).fetchSingle(RATING_TARGET.RATING_ID);
        String name = "b-officer-" + p.s();
        users.linkOfficer(users.create(name, "Cán bộ " + p.s(), PASSWORD, EnumSet.of(Role.OFFICER), null, null),
                p.counterOfficerId());

        try (Browser b = Browser.open(baseUrl())) {
            b.logIn(name, PASSWORD);
            b.waitUntil(d -> d.getCurrentUrl().contains("/toi"));
            var row = b.find(By.id("rating-" + rating));
            row.findElement(By.tagName("summary")).click();
            row.findElement(By.name("reason")).sendKeys("Tôi không tiếp nhận hồ sơ này");
            row.findElement(By.cssSelector("button[type=submit]")).click();
            assertThat(b.find(By.id("asked")).getText()).contains("Đã gửi đề nghị xem xét");
            assertThat(b.find(By.id("own-requests")).getText()).contains("Tôi không tiếp nhận hồ sơ này",
                    "Đang chờ Sở Nội vụ");
        }
        userWith(Role.HR);
        try (Browser hr = Browser.open(baseUrl())) {
            hr.logIn("t-hr", PASSWORD);
            hr.go("/ratings/appeals");
            var appeal = hr.find(By.xpath("//tr[td[contains(., 'Tôi không tiếp nhận hồ sơ này')]]"));
            appeal.findElement(By.name("note")).sendKeys("Đã kiểm tra sổ tiếp nhận " + p.s());
            appeal.findElement(By.cssSelector("button[value=ACCEPTED]")).click();
            assertThat(hr.find(By.id("decided")).getText()).contains("Đã ghi quyết định");
        }
        try (Browser b = Browser.open(baseUrl())) {
            b.logIn(name, PASSWORD);
            assertThat(b.find(By.id("own-requests")).getText()).contains("Được chấp nhận",
                    "Đã kiểm tra sổ tiếp nhận " + p.s());
        }
    }
}
