package vn.dancham.admin.incidents;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.security.LeaderScope;
import vn.dancham.admin.security.WebUser;
import vn.dancham.escalation.IncidentChange;
import vn.dancham.escalation.IncidentDetail;
import vn.dancham.escalation.IncidentFilter;
import vn.dancham.escalation.IncidentState;
import vn.dancham.escalation.Incidents;

import java.util.Set;

/**
 * Incidents for duty leaders: the page the SMS links to (mobile-friendly), acknowledge, resolve with a note, the
 * timeline and every SMS with its delivery state; and the SMS backlog when Twilio is down.
 */
@Controller
class IncidentController {

    private final Incidents incidents;
    private final AuditLog auditLog;
    private final LeaderScope scope;

    IncidentController(Incidents incidents, AuditLog auditLog, LeaderScope scope) {
        this.incidents = incidents;
        this.auditLog = auditLog;
        this.scope = scope;
    }

    @GetMapping("/incidents")
    String list(@RequestParam(defaultValue = "open") String show, @AuthenticationPrincipal WebUser me, Model model) {
        Set<IncidentState> states = "all".equals(show) ? Set.of() : Set.of(IncidentState.OPEN, IncidentState.NOTIFIED,
                IncidentState.UNACKNOWLEDGED, IncidentState.ACKNOWLEDGED);
        Long office = me.limitedToOffice() ? me.officeId() : null;
        if (me.limitedToOffice() && office == null) {
            model.addAttribute("incidents", java.util.List.of());
        } else {
            model.addAttribute("incidents", incidents.list(new IncidentFilter(states, Set.of(), null, office, null, null, 200, 0)));
        }
        model.addAttribute("show", show);
        return "incidents/list";
    }

    /** The short link SMS carry ({@code /i/<id>}): the incident page, behind the same login and rights. */
    @GetMapping("/i/{id}")
    String shortLink(@PathVariable long id) {
        return "redirect:/incidents/" + id;
    }

    @GetMapping("/incidents/{id}")
    String show(@PathVariable long id, @AuthenticationPrincipal WebUser me, Model model) {
        IncidentDetail detail = visible(id, me);
        model.addAttribute("d", detail);
        model.addAttribute("i", detail.incident());
        model.addAttribute("mayAct", scope.mayActInUnit(me, detail.incident().adminUnitId()));
        return "incidents/show";
    }

    @PostMapping("/incidents/{id}/acknowledge")
    String acknowledge(@PathVariable long id, @AuthenticationPrincipal WebUser me, RedirectAttributes redirect) {
        mayAct(visible(id, me), me);
        IncidentChange change = incidents.acknowledge(id, me.getUsername());
        outcome(change, "INCIDENT_ACKNOWLEDGED", id, null, redirect);
        return "redirect:/incidents/" + id;
    }

    @PostMapping("/incidents/{id}/resolve")
    String resolve(@PathVariable long id, @RequestParam(defaultValue = "") String note, @AuthenticationPrincipal WebUser me,
                   RedirectAttributes redirect) {
        mayAct(visible(id, me), me);
        IncidentChange change = incidents.resolve(id, me.getUsername(), note.strip());
        outcome(change, "INCIDENT_RESOLVED", id, note.strip(), redirect);
        return "redirect:/incidents/" + id;
    }

    @GetMapping("/incidents/sms-backlog")
    String backlog(Model model) {
        model.addAttribute("b", incidents.backlog());
        return "incidents/backlog";
    }

    private void outcome(IncidentChange change, String action, long id, String detail, RedirectAttributes redirect) {
        switch (change) {
            case IncidentChange.Done done -> {
                auditLog.record(action, "INCIDENT", id, detail);
                redirect.addFlashAttribute("done", action);
            }
            // A key of the bundles and its arguments: the page says it in the reader's language.
            case IncidentChange.NotAllowed no -> redirect.addFlashAttribute("problem",
                    new DefaultMessageSourceResolvable(new String[]{"incidents.problem." + no.code()}, new Object[0]));
            case IncidentChange.Invalid bad -> redirect.addFlashAttribute("problem",
                    new DefaultMessageSourceResolvable(new String[]{"incidents.problem." + bad.code()}, bad.args().toArray()));
            case IncidentChange.NotFound nf -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }

    /** A district leader acts on their district's incidents only (LeaderScope); others get the 403 page. */
    private void mayAct(IncidentDetail detail, WebUser me) {
        if (!scope.mayActInUnit(me, detail.incident().adminUnitId())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }

    /** An office head sees only incidents about their office; everyone else with access sees all. */
    private IncidentDetail visible(long id, WebUser me) {
        IncidentDetail detail = incidents.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if (me.limitedToOffice() && !me.maySeeOffice(detail.incident().officeId())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return detail;
    }
}
