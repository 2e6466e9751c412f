package vn.dancham.admin.roster;

import vn.dancham.text.StoredText;
import org.springframework.http.HttpStatus;
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
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.escalation.DutyShift;
import vn.dancham.escalation.DutyShiftDraft;
import vn.dancham.escalation.DutyShiftQuery;
import vn.dancham.escalation.DutyShifts;
import vn.dancham.escalation.RosterChange;
import vn.dancham.escalation.RosterProblem;
import vn.dancham.organisation.Organisation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The duty roster: who is on duty for which office or unit, at which escalation level, with which phone. */
@Controller
class RosterController {

    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    /** What the form posts; kept as typed so a rejected form comes back as the user left it. */
    record ShiftForm(Long id, String place, Integer level, String personName, String phone, String startsAt,
                     String endsAt, String note) {
    }

    private final DutyShifts shifts;
    private final Organisation organisation;
    private final AuditLog auditLog;
    private final WebProperties properties;
    private final LeaderScope scope;

    RosterController(DutyShifts shifts, Organisation organisation, AuditLog auditLog, WebProperties properties,
                     LeaderScope scope) {
        this.scope = scope;
        this.shifts = shifts;
        this.organisation = organisation;
        this.auditLog = auditLog;
        this.properties = properties;
    }

    @GetMapping("/roster")
    String list(@RequestParam(required = false) String place, @RequestParam(required = false) LocalDate from,
                @AuthenticationPrincipal WebUser me, Model model) {
        LocalDate start = from == null ? LocalDate.now(properties.zone()) : from;
        Instant fromInstant = start.atStartOfDay(properties.zone()).toInstant();
        Instant toInstant = start.plusDays(14).atStartOfDay(properties.zone()).toInstant();
        Long officeId = place != null && place.startsWith("o") ? parse(place) : null;
        Long unitId = place != null && place.startsWith("u") ? parse(place) : null;
        List<DutyShift> listed = shifts.list(new DutyShiftQuery(officeId, unitId, fromInstant, toInstant, 1000));
        model.addAttribute("shifts", listed);
        model.addAttribute("editable", listed.stream().filter(s -> mayAct(me, s)).map(DutyShift::id)
                .collect(java.util.stream.Collectors.toSet()));
        model.addAttribute("place", place);
        model.addAttribute("from", start);
        model.addAttribute("now", Instant.now());
        model.addAttribute("units", organisation.units());
        model.addAttribute("offices", organisation.offices());
        return "roster/list";
    }

    @GetMapping("/roster/new")
    String newShift(@AuthenticationPrincipal WebUser me, Model model) {
        LocalDateTime start = LocalDate.now(properties.zone()).atTime(7, 30);
        model.addAttribute("form", new ShiftForm(null, null, 1, null, null, LOCAL_INPUT.format(start),
                LOCAL_INPUT.format(start.plusDays(1)), null));
        places(me, model);
        return "roster/form";
    }

    @GetMapping("/roster/{id}")
    String edit(@PathVariable long id, @AuthenticationPrincipal WebUser me, Model model) {
        DutyShift s = shifts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        requireScope(me, s);
        model.addAttribute("form", new ShiftForm(s.id(), s.officeId() != null ? "o" + s.officeId() : "u" + s.adminUnitId(),
                s.level(), s.personName(), s.phone(), local(s.startsAt()), local(s.endsAt()), s.note()));
        places(me, model);
        return "roster/form";
    }

    @PostMapping("/roster")
    String create(ShiftForm form, @AuthenticationPrincipal WebUser me, Model model, RedirectAttributes redirect) {
        return save(null, form, me, model, redirect);
    }

    @PostMapping("/roster/{id}")
    String update(@PathVariable long id, ShiftForm form, @AuthenticationPrincipal WebUser me, Model model,
                  RedirectAttributes redirect) {
        requireScope(me, shifts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        return save(id, form, me, model, redirect);
    }

    @PostMapping("/roster/{id}/delete")
    String delete(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirm,
                  @AuthenticationPrincipal WebUser me, RedirectAttributes redirect) {
        requireScope(me, shifts.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        if (!confirm) {
            // A shift deleted by a stray click leaves a night without anyone on duty: ask first.
            redirect.addFlashAttribute("confirmDelete", true);
            return "redirect:/roster/" + id;
        }
        RosterChange change = shifts.delete(id);
        if (change instanceof RosterChange.NotFound) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        auditLog.record("ROSTER_SHIFT_DELETED", "DUTY_SHIFT", id, null);
        redirect.addFlashAttribute("saved", true);
        return "redirect:/roster";
    }

    private String save(Long id, ShiftForm form, WebUser me, Model model, RedirectAttributes redirect) {
        List<RosterProblem> problems = new ArrayList<>();
        Instant starts = instant(form.startsAt(), "startsAt", problems);
        Instant ends = instant(form.endsAt(), "endsAt", problems);
        String place = form.place() == null ? "" : form.place();
        Long officeId = place.startsWith("o") ? parse(place) : null;
        Long unitId = place.startsWith("u") ? parse(place) : null;
        if ((officeId != null && !scope.mayActForOffice(me, officeId))
                || (unitId != null && !scope.mayActInUnit(me, unitId))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        if (problems.isEmpty()) {
            DutyShiftDraft draft = new DutyShiftDraft(officeId, unitId, form.level(), form.personName(), form.phone(),
                    null, starts, ends, form.note());
            RosterChange change = id == null ? shifts.add(draft) : shifts.update(id, draft);
            switch (change) {
                case RosterChange.Saved saved -> {
                    DateTimeFormatter when = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(properties.zone());
                    auditLog.recordText(id == null ? "ROSTER_SHIFT_ADDED" : "ROSTER_SHIFT_CHANGED", "DUTY_SHIFT",
                            saved.shift().id(), StoredText.of("audit.text.shift", saved.shift().personName(),
                                    saved.shift().unitName(), saved.shift().level(),
                                    when.format(saved.shift().startsAt()), when.format(saved.shift().endsAt())));
                    redirect.addFlashAttribute("saved", true);
                    return "redirect:/roster";
                }
                case RosterChange.Rejected rejected -> problems.addAll(rejected.problems());
                case RosterChange.NotFound notFound -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
                case RosterChange.Deleted deleted -> throw new IllegalStateException("not a save: " + deleted);
            }
        }
        model.addAttribute("form", new ShiftForm(id, form.place(), form.level(), form.personName(), form.phone(),
                form.startsAt(), form.endsAt(), form.note()));
        model.addAttribute("problems", problems);
        places(me, model);
        return "roster/form";
    }

    private Instant instant(String value, String field, List<RosterProblem> problems) {
        if (value == null || value.isBlank()) {
            return null; // the roster reports missing times itself
        }
        try {
            return LocalDateTime.parse(value, LOCAL_INPUT).atZone(properties.zone()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(new RosterProblem(field, "INVALID_TIME"));
            return null;
        }
    }

    private String local(Instant instant) {
        return LOCAL_INPUT.format(instant.atZone(properties.zone()));
    }

    private static Long parse(String place) {
        try {
            return Long.parseLong(place.substring(1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The places this user may keep a roster for (a district leader: their district's). */
    private void places(WebUser me, Model model) {
        model.addAttribute("units", scope.units(me));
        model.addAttribute("offices", scope.offices(me));
    }

    private boolean mayAct(WebUser me, DutyShift shift) {
        return shift.officeId() != null ? scope.mayActForOffice(me, shift.officeId())
                : scope.mayActInUnit(me, shift.adminUnitId());
    }

    private void requireScope(WebUser me, DutyShift shift) {
        if (!mayAct(me, shift)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
    }
}
