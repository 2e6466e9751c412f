package vn.dancham.admin.dossiers;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.WebIT;
import vn.dancham.dossier.DossierRegistry;
import vn.dancham.organisation.Organisation;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Receipt-number search and the dossier's timeline, for each role, against real PostgreSQL. */
class DossierPageIT extends WebIT {

    @Autowired
    Organisation organisation;

    @Autowired
    Procedures procedures;

    @Autowired
    DossierRegistry registry;

    private String page(String url, vn.dancham.admin.security.WebUser as) throws Exception {
        return mvc.perform(get(url).with(user(as))).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void searchShowsEveryStageWhoHeldItAndWhereItWentLate() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());
        var handler = userWith(Role.COMPLAINT_HANDLER);

        String printed = receipt.substring(0, 4) + "-" + receipt.substring(4);
        mvc.perform(get("/dossiers").param("receipt", printed).with(user(handler)))
                .andExpect(redirectedUrl("/dossiers/" + receipt));

        String html = page("/dossiers/" + receipt, handler);
        assertThat(html).contains("Tiếp nhận").contains("Thẩm định")
                .contains("Phạm Văn Chậm " + p.s()).contains("Lê Thị Quầy " + p.s())
                .contains("id=\"culprit\"").contains("Hồ sơ trễ tại bước 2 (Thẩm định): quá hạn 4 ngày")
                .contains("Trễ hạn");
        // A complaint handler calls applicants back: the phone is shown whole.
        assertThat(html).contains(p.applicantPhone());
    }

    @Test
    void hrSeesTheApplicantPhoneMasked() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());
        String html = page("/dossiers/" + receipt, userWith(Role.HR));
        assertThat(html).doesNotContain(p.applicantPhone())
                .contains("•••••••" + p.applicantPhone().substring(7));
    }

    @Test
    void officeHeadSeesOwnOfficesDossiersOnlyAndCannotProbeOthers() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        String receipt = Fixtures.lateDossier(registry, p, Instant.now());
        var ownHead = userWith(p.deptOfficeId(), Role.OFFICE_HEAD);
        assertThat(page("/dossiers/" + receipt, ownHead)).contains("id=\"timeline\"");

        var other = Fixtures.place(organisation, procedures);
        var otherHead = userWith(other.deptOfficeId(), Role.OFFICE_HEAD);
        String html = page("/dossiers/" + receipt, otherHead);
        assertThat(html).doesNotContain("id=\"timeline\"").contains("Không tìm thấy hồ sơ");
        assertThat(page("/dossiers/99999999999", otherHead)).contains("Không tìm thấy hồ sơ");
    }

    @Test
    void badAndSqlLookingInputGetsAClearAnswer() throws Exception {
        var hr = userWith(Role.HR);
        assertThat(page("/dossiers?receipt=1' OR '1'='1", hr)).contains("Số biên nhận gồm 4 đến 20 chữ số");
        assertThat(page("/dossiers/12", hr)).contains("Số biên nhận gồm 4 đến 20 chữ số");
        assertThat(page("/dossiers?lang=en&receipt=abc", hr)).contains("A receipt number has 4 to 20 digits");
    }
}
