package vn.dancham.admin.exports;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.scores.ScoreRows;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.organisation.Office;
import vn.dancham.organisation.Officer;
import vn.dancham.organisation.Organisation;
import vn.dancham.responsiveness.HotlineResponsiveness;
import vn.dancham.responsiveness.ResponsivenessReport;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.Period;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.stream.Collectors;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;

/** The monthly report for the People's Council meeting: one printable page (the browser prints it to PDF). */
@Controller
class MonthlyReportController {

    private final ScoreRows rows;
    private final AuditLog auditLog;
    private final WebProperties properties;
    private final Organisation organisation;

    private final vn.dancham.admin.citizen.ResponseRates responseRates;
    private final HotlineResponsiveness responsiveness;

    MonthlyReportController(ScoreRows rows, AuditLog auditLog, WebProperties properties, Organisation organisation,
                            vn.dancham.admin.citizen.ResponseRates responseRates,
                            HotlineResponsiveness responsiveness) {
        this.responseRates = responseRates;
        this.responsiveness = responsiveness;
        this.rows = rows;
        this.auditLog = auditLog;
        this.properties = properties;
        this.organisation = organisation;
    }

    @GetMapping("/reports/monthly")
    String monthly(@RequestParam(required = false) String month, @AuthenticationPrincipal WebUser me, Model model) {
        YearMonth ym = parse(month);
        Period period = Period.month(ym);
        model.addAttribute("month", ym);
        model.addAttribute("period", period);
        model.addAttribute("generatedOn", LocalDate.now(properties.zone()));
        // Counter staff and specialists are ranked apart (docs/scoring.md § 6b): five of each kind, rank within it.
        List<Leaderboard.Entry> lowest = new java.util.ArrayList<>();
        List<Leaderboard.Entry> improved = new java.util.ArrayList<>();
        for (Officer.Kind kind : Officer.Kind.values()) {
            Leaderboard officers = rows.table("officers", null, null, kind.name(), period, me).board();
            lowest.addAll(officers.entries().stream().filter(e -> e.rank() > 0)
                    .sorted(Comparator.comparingInt(Leaderboard.Entry::rank).reversed()).limit(5).toList());
            improved.addAll(officers.entries().stream().filter(e -> e.change() != null && e.change().signum() > 0)
                    .sorted(Comparator.comparing(Leaderboard.Entry::change).reversed()).limit(5).toList());
        }
        model.addAttribute("lowest", lowest);
        model.addAttribute("improved", improved);
        model.addAttribute("kindOf", organisation.allOfficers().stream()
                .collect(Collectors.toMap(Officer::id, Officer::kind)));
        // The office beside each officer: the council asks "which office?" before anything else.
        Map<Long, String> officeNames = organisation.offices().stream()
                .collect(Collectors.toMap(Office::id, Office::name));
        model.addAttribute("officeOf", organisation.allOfficers().stream()
                .collect(Collectors.toMap(Officer::id, o -> officeNames.getOrDefault(o.officeId(), ""))));
        if (!me.limitedToOffice()) {
            model.addAttribute("districts", rows.table("districts", null, null, period, me).board());
            model.addAttribute("offices", rows.table("offices", null, null, period, me).board());
        }
        model.addAttribute("months", List.of(YearMonth.now(properties.zone()), YearMonth.now(properties.zone()).minusMonths(1),
                YearMonth.now(properties.zone()).minusMonths(2), YearMonth.now(properties.zone()).minusMonths(3)));
        var rates = responseRates.of(period, me);
        model.addAttribute("responseRates", rates);
        model.addAttribute("responseTotal", vn.dancham.admin.citizen.ResponseRates.total(rates));
        if (!me.limitedToOffice()) {
            model.addAttribute("hotline", hotline(ym, me));
        }
        auditLog.record("REPORT_MONTHLY", "SCORES", ym.toString(), null);
        return "reports/monthly";
    }

    /**
     * The leaders' own responsiveness in the month (section "Trực đường dây nóng"): the whole province for HR and
     * administrators, the leader's own district for a leader of one area.
     */
    private ResponsivenessReport hotline(YearMonth ym, WebUser me) {
        ResponsivenessReport all = responsiveness.between(ym.atDay(1).atStartOfDay(properties.zone()).toInstant(),
                ym.plusMonths(1).atDay(1).atStartOfDay(properties.zone()).toInstant());
        if (!me.leaderOfOneArea()) {
            return all;
        }
        Long area = me.unitId();
        return new ResponsivenessReport(
                all.districts().stream().filter(d -> java.util.Objects.equals(d.unitId(), area)).toList(),
                all.leaders().stream().filter(l -> java.util.Objects.equals(l.unitId(), area)).toList());
    }

    private YearMonth parse(String month) {
        if (month != null) {
            try {
                return YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                // fall through to last month
            }
        }
        return YearMonth.now(properties.zone()).minusMonths(1);
    }
}
