package vn.dancham.admin.exports;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.support.Fixtures;
import vn.dancham.admin.support.WebIT;
import vn.dancham.admin.web.VietnameseCrawlIT;
import vn.dancham.calls.CallLog;
import vn.dancham.organisation.Organisation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The monthly report's "Trực đường dây nóng" section on rings recorded through the hotline's call log: a district's
 * row and its leader's row with the counts the rules give (issue 18).
 */
class HotlineDutyReportIT extends WebIT {

    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired Organisation organisation;
    @Autowired Procedures procedures;
    @Autowired CallLog calls;

    @Test
    void theMonthlyReportShowsEachDistrictsAndLeadersCallsByTheRules() throws Exception {
        var p = Fixtures.place(organisation, procedures);
        YearMonth month = YearMonth.now(VN).minusMonths(1);
        Instant at = month.atDay(10).atTime(21, 0).atZone(VN).toInstant();
        String leader = "Trần Thị Trực " + p.s();
        String phone = "+8491" + String.format("%07d", Math.abs(p.s().hashCode()) % 10_000_000);
        // Answered, missed, the caller hung up first (not counted), and a test call (not counted).
        ring(at, false, "ANSWER", p.counterOfficeId(), leader, phone);
        ring(at.plusSeconds(600), false, "NOANSWER", p.counterOfficeId(), leader, phone);
        ring(at.plusSeconds(1200), false, "CANCEL", p.counterOfficeId(), leader, phone);
        ring(at.plusSeconds(1800), true, "ANSWER", p.counterOfficeId(), leader, phone);

        String page = mvc.perform(get("/reports/monthly?month=" + month).with(user(userWith(Role.HR))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(page).contains("Trực đường dây nóng", "Chỉ tính là nghe máy khi lãnh đạo bắt máy");
        assertThat(row(page, "hotline-districts", "Huyện " + p.s()))
                .isEqualTo("Huyện " + p.s() + " 4 1 1 2 50,0 % 0 0 0 — —");
        assertThat(row(page, "hotline-leaders", leader))
                .isEqualTo(leader + " *********" + phone.substring(phone.length() - 3) + " 1 Huyện " + p.s()
                        + " 4 1 1 2 50,0 % 0 0 0 — — —");
        assertThat(VietnameseCrawlIT.findings(VietnameseCrawlIT.visibleText(page))).isEmpty();

        String english = mvc.perform(get("/reports/monthly?month=" + month + "&lang=en").with(user(userWith(Role.HR))))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(english).contains("Hotline duty", "Answered share");
    }

    private void ring(Instant at, boolean test, String status, long office, String name, String phone) {
        long id = calls.started(new CallLog.CallStarted("duty." + UUID.randomUUID(), "0905123456", "1022",
                "PJSIP/trunk-01", "node-a", at, test));
        calls.leaderRung(id, office, new CallLog.LeaderRing(1, List.of(new CallLog.Person(name, phone)), status,
                Duration.ofSeconds(30), at));
        calls.ended(id, CallLog.Outcome.TRANSFERRED, "LEADER_DIAL");
    }

    /** The visible text of the row of table {@code id} that names {@code name}, spaces collapsed. */
    private static String row(String page, String id, String name) {
        int table = page.indexOf("id=\"" + id + "\"");
        assertThat(table).isPositive();
        String html = page.substring(table, page.indexOf("</table>", table));
        Matcher m = Pattern.compile("<tr>(.*?)</tr>", Pattern.DOTALL).matcher(html);
        while (m.find()) {
            String text = m.group(1).replaceAll("<[^>]+>", " ").replace("&nbsp;", " ").replaceAll("\\s+", " ").strip();
            if (text.contains(name)) {
                return text;
            }
        }
        throw new AssertionError("no row for " + name + " in " + id);
    }
}
