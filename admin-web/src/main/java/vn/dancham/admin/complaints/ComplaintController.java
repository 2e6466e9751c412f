package vn.dancham.admin.complaints;

import vn.dancham.text.StoredText;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.security.AppUsers;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.web.PhoneMask;
import vn.dancham.complaint.ComplaintInbox;
import vn.dancham.complaint.ReportIncidents;
import vn.dancham.dossier.Dossiers;
import vn.dancham.feedback.WebFeedbacks;
import vn.dancham.dossier.ReceiptNumber;
import vn.dancham.organisation.Officer;
import vn.dancham.organisation.Organisation;
import vn.dancham.scoring.ScoringMaintenance;
import vn.dancham.admin.web.WebProperties;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The complaints inbox: recorded complaints and harassment reports with their recording (streamed from the server,
 * access-checked, every listen audited), assign, answer, the verdict (founded and against whom, or unfounded),
 * resolve, deadlines and what is overdue.
 */
@Controller
class ComplaintController {

    private static final String LISTENED = ComplaintController.class.getName() + ".listened";

    private final ComplaintInbox inbox;
    private final Recordings recordings;
    private final AppUsers users;
    private final AuditLog auditLog;
    private final Organisation organisation;
    private final Dossiers dossiers;
    private final ScoringMaintenance maintenance;
    private final WebProperties web;
    private final WebFeedbacks feedbacks;
    private final ReportIncidents reportIncidents;

    ComplaintController(ComplaintInbox inbox, Recordings recordings, AppUsers users, AuditLog auditLog,
                        Organisation organisation, Dossiers dossiers, ScoringMaintenance maintenance,
                        WebProperties web, WebFeedbacks feedbacks, ReportIncidents reportIncidents) {
        this.inbox = inbox;
        this.reportIncidents = reportIncidents;
        this.feedbacks = feedbacks;
        this.maintenance = maintenance;
        this.web = web;
        this.organisation = organisation;
        this.dossiers = dossiers;
        this.recordings = recordings;
        this.users = users;
        this.auditLog = auditLog;
    }

    @GetMapping("/complaints")
    String list(@RequestParam(defaultValue = "open") String show, @AuthenticationPrincipal WebUser me, Model model) {
        Instant now = Instant.now();
        ComplaintInbox.Query query = switch (show) {
            case "overdue" -> new ComplaintInbox.Query(List.of(), now, null, null, 200, 0);
            case "mine" -> new ComplaintInbox.Query(List.of("NEW", "ASSIGNED", "ANSWERED"), null, null, me.id(), 200, 0);
            case "all" -> new ComplaintInbox.Query(List.of(), null, null, null, 200, 0);
            // Harassment reports whose leader was not texted (set aside), so a handler can tell the leader and,
            // once the cause is mended, open them again from each report's page.
            case "incident" -> new ComplaintInbox.Query(List.of(), null, null, null, true, 200, 0);
            default -> new ComplaintInbox.Query(List.of("NEW", "ASSIGNED", "ANSWERED"), null, null, null, 200, 0);
        };
        List<ComplaintInbox.Item> items = inbox.list(query);
        model.addAttribute("items", items.stream()
                .map(i -> new Shown(i, PhoneMask.forViewer(me, i.callerNumber()))).toList());
        // Web feedback no handler has read yet, and the daily reminder (vn.dancham.admin.feedback).
        model.addAttribute("unreviewed", feedbacks.unreviewed(items.stream().map(ComplaintInbox.Item::id).toList()));
        model.addAttribute("feedbackAlert", feedbacks.latestAlert().filter(a -> a.waiting() > 0).orElse(null));
        model.addAttribute("overdueCount", inbox.list(new ComplaintInbox.Query(List.of(), now, null, null, 500, 0)).size());
        model.addAttribute("notTexted", reportIncidents.setAside());
        model.addAttribute("show", show);
        model.addAttribute("now", now);
        return "complaints/list";
    }

    /** A complaint with its caller number as this viewer may see it. */
    record Shown(ComplaintInbox.Item item, String caller) {
    }

    @GetMapping("/complaints/{id}")
    String show(@PathVariable long id, @AuthenticationPrincipal WebUser me, Model model) {
        ComplaintInbox.Item item = inbox.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("c", item);
        model.addAttribute("caller", PhoneMask.forViewer(me, item.callerNumber()));
        model.addAttribute("feedback", feedbacks.find(id).orElse(null));
        model.addAttribute("now", Instant.now());
        var file = item.playable() ? recordings.resolve(item.recordingPath()) : java.util.Optional.<java.nio.file.Path>empty();
        model.addAttribute("recordingAvailable", file.isPresent());
        // The file's own length, which is what the player shows; the stored figure is only what the IVR was told.
        model.addAttribute("recordingSeconds", file.flatMap(Recordings::seconds)
                .orElse(item.recordingSeconds() == null ? 0 : item.recordingSeconds()));
        model.addAttribute("handlers", users.list().stream()
                .filter(u -> u.enabled() && u.roles().contains(Role.COMPLAINT_HANDLER)).toList());
        model.addAttribute("candidates", candidates(item));
        return "complaints/show";
    }

    /**
     * The officers a handler may name: those of the office charged, those who held a stage of the dossier, and
     * those named already (perhaps since moved), the officer the caller named among them.
     */
    private List<Officer> candidates(ComplaintInbox.Item item) {
        Map<Long, Officer> officers = new LinkedHashMap<>();
        Set<Long> offices = new LinkedHashSet<>();
        if (item.officeId() != null) {
            offices.add(item.officeId());
        }
        ReceiptNumber receipt = ReceiptNumber.parse(item.receiptNo());
        if (receipt != null) {
            dossiers.timeline(receipt).ifPresent(t -> t.stages().forEach(s -> offices.add(s.officeId())));
        }
        offices.forEach(o -> organisation.officers(o).stream().filter(Officer::active)
                .forEach(f -> officers.putIfAbsent(f.id(), f)));
        Stream.concat(item.namedOfficers().stream().map(ComplaintInbox.NamedOfficer::id),
                        Stream.ofNullable(item.officerId()))
                .forEach(id -> organisation.officer(id).ifPresent(f -> officers.putIfAbsent(f.id(), f)));
        return List.copyOf(officers.values());
    }

    @GetMapping("/complaints/{id}/recording")
    ResponseEntity<Resource> recording(@PathVariable long id,
                                       @RequestHeader(value = HttpHeaders.RANGE, required = false) String range,
                                       jakarta.servlet.http.HttpSession session) {
        ComplaintInbox.Item item = inbox.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        if ("DELETED".equals(item.recordingState())) {
            // A player left open on an old page, or the link opened by itself, gets a reason, not a bare error: the
            // 410 page says it in the reader's language (error.410.text); this reason is for the log only.
            throw new ResponseStatusException(HttpStatus.GONE, "recording deleted after the retention period");
        }
        Path file = item.playable() ? recordings.resolve(item.recordingPath()).orElse(null) : null;
        if (file == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        // The page's player has preload="none", so only pressing play fetches the file; a player then asks for
        // further ranges when seeking and for the start again on every replay (no-store). A listen is therefore
        // the first request from the start, once per recording in this user's session: the log says who has
        // heard what, not how often the player buffered.
        if ((range == null || range.startsWith("bytes=0-")) && listenedInThisSession(session).add(id)) {
            auditLog.record("RECORDING_LISTENED", "COMPLAINT", id, item.recordingPath());
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(Recordings.mediaType(file)))
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline")
                .body(new FileSystemResource(file));
    }

    @SuppressWarnings("unchecked")
    private static Set<Long> listenedInThisSession(jakarta.servlet.http.HttpSession session) {
        synchronized (org.springframework.web.util.WebUtils.getSessionMutex(session)) {
            Object set = session.getAttribute(LISTENED);
            if (set == null) {
                set = java.util.concurrent.ConcurrentHashMap.<Long>newKeySet();
                session.setAttribute(LISTENED, set);
            }
            return (Set<Long>) set;
        }
    }

    @PostMapping("/complaints/{id}/assign")
    String assign(@PathVariable long id, @RequestParam long assignee, RedirectAttributes redirect) {
        return outcome(inbox.assign(id, assignee), "COMPLAINT_ASSIGNED", id,
                StoredText.of("audit.text.assigned", assignee), redirect);
    }

    @PostMapping("/complaints/{id}/answer")
    String answer(@PathVariable long id, @RequestParam(defaultValue = "") String response, RedirectAttributes redirect) {
        return outcome(inbox.answer(id, response, Instant.now()), "COMPLAINT_ANSWERED", id, null, redirect);
    }

    /** The handler's finding: founded (naming the officers responsible), unfounded, or back to pending. */
    @PostMapping("/complaints/{id}/verdict")
    String verdict(@PathVariable long id, @RequestParam String verdict,
                   @RequestParam(name = "officer", required = false) List<Long> officerIds,
                   @RequestParam(defaultValue = "") String note, @AuthenticationPrincipal WebUser me,
                   RedirectAttributes redirect) {
        ComplaintInbox.Verdict v;
        try {
            v = ComplaintInbox.Verdict.valueOf(verdict);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        List<Long> named = officerIds == null ? List.of() : officerIds;
        ComplaintInbox.Change change = inbox.decide(id, v, named, note, me.id(), Instant.now());
        if (change instanceof ComplaintInbox.Change.Done done) {
            // A verdict changes the scores of the week and month the complaint was made in: their trend
            // snapshots are taken again now rather than left stale (the nightly job redoes only recent ones).
            maintenance.snapshot(done.complaint().createdAt().atZone(web.zone()).toLocalDate(),
                    done.complaint().createdAt().atZone(web.zone()).toLocalDate());
        }
        return outcome(change, "COMPLAINT_VERDICT", id, named.isEmpty()
                ? StoredText.of("audit.text.verdict", StoredText.word("complaints.verdict", v))
                : StoredText.of("audit.text.verdict.officers", StoredText.word("complaints.verdict", v),
                        named.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))),
                redirect);
    }

    /**
     * A handler asks again for the incident of a harassment report set aside (the leader on duty was not texted),
     * once the administrator has mended the cause. The page says what happened; the audit log keeps who asked.
     */
    @PostMapping("/complaints/{id}/incident")
    String openIncident(@PathVariable long id, RedirectAttributes redirect) {
        inbox.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        switch (reportIncidents.retry(id)) {
            case ReportIncidents.Retry.Opened opened -> {
                auditLog.record("COMPLAINT_INCIDENT_OPENED", "COMPLAINT", id, null);
                redirect.addFlashAttribute("done", "COMPLAINT_INCIDENT_OPENED");
            }
            case ReportIncidents.Retry.FailedAgain failed -> {
                auditLog.record("COMPLAINT_INCIDENT_FAILED", "COMPLAINT", id, null);
                redirect.addFlashAttribute("problem", new DefaultMessageSourceResolvable(
                        new String[]{"complaints.problem.INCIDENT_FAILED_AGAIN"}, new Object[0]));
            }
            case ReportIncidents.Retry.NotSetAside notSetAside -> redirect.addFlashAttribute("problem",
                    new DefaultMessageSourceResolvable(new String[]{"complaints.problem.INCIDENT_NOT_SET_ASIDE"},
                            new Object[0]));
        }
        return "redirect:/complaints/" + id;
    }

    @PostMapping("/complaints/{id}/resolve")
    String resolve(@PathVariable long id, RedirectAttributes redirect) {
        return outcome(inbox.resolve(id, Instant.now()), "COMPLAINT_RESOLVED", id, null, redirect);
    }

    private String outcome(ComplaintInbox.Change change, String action, long id, StoredText detail, RedirectAttributes redirect) {
        switch (change) {
            case ComplaintInbox.Change.Done done -> {
                if (detail == null) {
                    auditLog.record(action, "COMPLAINT", id, null);
                } else {
                    auditLog.recordText(action, "COMPLAINT", id, detail);
                }
                redirect.addFlashAttribute("done", action);
            }
            // A key of the bundles and its arguments: the page says it in the reader's language.
            case ComplaintInbox.Change.Refused refused -> redirect.addFlashAttribute("problem",
                    new DefaultMessageSourceResolvable(new String[]{"complaints.problem." + refused.code()},
                            refused.args().toArray()));
            case ComplaintInbox.Change.NotFound nf -> throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return "redirect:/complaints/" + id;
    }
}
