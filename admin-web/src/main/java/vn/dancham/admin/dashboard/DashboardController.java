package vn.dancham.admin.dashboard;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.dancham.admin.scores.ScoreRows;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;
import vn.dancham.rating.RatingWriter;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.calls.CallStatistics;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.IncidentSummary;
import vn.dancham.escalation.Incidents;
import vn.dancham.organisation.Officer;
import vn.dancham.scoring.Leaderboard;
import vn.dancham.scoring.Period;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * The leaders' overview: today's calls, open incidents, the lowest and most improved counter staff, specialists and offices over
 * the last 30 days, and the districts' league table. An office head sees their own office's figures.
 */
@Controller
class DashboardController {

    static final int TOP = 5;

    private final CallStatistics calls;
    private final Incidents incidents;
    private final ScoreRows rows;
    private final WebProperties properties;
    private final RatingWriter writer;

    DashboardController(CallStatistics calls, Incidents incidents, ScoreRows rows, WebProperties properties,
                        RatingWriter writer) {
        this.calls = calls;
        this.incidents = incidents;
        this.rows = rows;
        this.properties = properties;
        this.writer = writer;
    }

    @GetMapping("/dashboard")
    String show(@AuthenticationPrincipal WebUser me, Model model) {
        LocalDate today = LocalDate.now(properties.zone());
        ZonedDateTime midnight = today.atStartOfDay(properties.zone());
        Long office = me.limitedToOffice() ? me.officeId() : null;
        // An office head's "calls today" are the calls about their office, not the province's.
        model.addAttribute("calls", !me.limitedToOffice()
                ? calls.between(midnight.toInstant(), midnight.plusDays(1).toInstant())
                : office == null ? new CallStatistics.CallCounts(0, java.util.Map.of())
                : calls.between(midnight.toInstant(), midnight.plusDays(1).toInstant(), office));
        model.addAttribute("callsAboutOffice", me.limitedToOffice());
        List<IncidentSummary> open = me.limitedToOffice() && office == null ? List.of()
                : incidents.list(new IncidentFilter(Set.of(IncidentState.OPEN, IncidentState.NOTIFIED,
                IncidentState.UNACKNOWLEDGED), Set.of(), null, office, null, null, 100, 0));
        model.addAttribute("openIncidents", open);
        // A Twilio outage stops escalation's clocks (waits start when an SMS leaves): say so on the first page.
        model.addAttribute("sms", incidents.backlog());
        // Citizens' answers waiting for HR to count them again (only those who may act on them are told).
        model.addAttribute("answersSetAside", me.hasAny(Role.HR, Role.ADMIN) ? writer.setAside() : 0);

        Period period = Period.rolling(30, today);
        model.addAttribute("period", period);
        // Counter staff and specialists are ranked apart (docs/scoring.md § 6b): a list each.
        Leaderboard counter = rows.table("officers", null, null, Officer.Kind.COUNTER.name(), period, me).board();
        Leaderboard specialists = rows.table("officers", null, null, Officer.Kind.SPECIALIST.name(), period, me)
                .board();
        model.addAttribute("lowestOfficers", lowest(counter));
        model.addAttribute("improvedOfficers", mostImproved(counter));
        model.addAttribute("lowestSpecialists", lowest(specialists));
        model.addAttribute("improvedSpecialists", mostImproved(specialists));
        if (!me.limitedToOffice()) {
            Leaderboard offices = rows.table("offices", null, null, period, me).board();
            model.addAttribute("lowestOffices", lowest(offices));
            model.addAttribute("improvedOffices", mostImproved(offices));
            model.addAttribute("districts", rows.table("districts", null, null, period, me).board());
        }
        return "dashboard/show";
    }

    static List<Leaderboard.Entry> lowest(Leaderboard board) {
        return board.entries().stream().filter(e -> e.rank() > 0)
                .sorted(Comparator.comparingInt(Leaderboard.Entry::rank).reversed()).limit(TOP).toList();
    }

    static List<Leaderboard.Entry> mostImproved(Leaderboard board) {
        return board.entries().stream().filter(e -> e.change() != null && e.change().signum() > 0)
                .sorted(Comparator.comparing(Leaderboard.Entry::change).reversed()).limit(TOP).toList();
    }
}
