package vn.dancham.admin.ratings;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.web.PhoneMask;
import vn.dancham.rating.RatingWriter;
import vn.dancham.text.StoredText;

import java.util.List;

/**
 * Citizens' answers the rating writer could not apply (a question, dossier or office it names is unknown; a fault in
 * a rule or a listener): kept aside, not lost. HR sees what each names and whether that exists now, and sends one
 * again once the cause is mended; the answer then counts by the same rules as any other, or stays aside with the new
 * reason. Who sent which, and what came of it, is in the audit log.
 */
@Controller
class SetAsideAnswersController {

    /** The most the page lists; the count above the table is of them all. */
    static final int LIMIT = 500;

    /** An answer set aside, with the caller's number as this viewer may see it. */
    record Row(RatingWriter.SetAsideAnswer answer, String caller) {
    }

    private final RatingWriter writer;
    private final AuditLog auditLog;

    SetAsideAnswersController(RatingWriter writer, AuditLog auditLog) {
        this.writer = writer;
        this.auditLog = auditLog;
    }

    @GetMapping("/ratings/set-aside")
    String list(@AuthenticationPrincipal WebUser me, Model model) {
        List<Row> rows = writer.setAsideAnswers(LIMIT).stream()
                .map(a -> new Row(a, PhoneMask.forViewer(me, a.callerNumber()))).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("total", writer.setAside());
        return "ratings/set-aside";
    }

    @PostMapping("/ratings/set-aside/{id}/retry")
    String retry(@PathVariable long id, RedirectAttributes redirect) {
        switch (writer.retry(id)) {
            case RatingWriter.Retry.Applied applied -> {
                String outcome = applied.receipt().outcome().name();
                // What the rules made of it, in the reader's language on the audit page.
                auditLog.recordText("RATING_ANSWER_APPLIED", "RATING", applied.receipt().ratingId(),
                        StoredText.of("audit.text.ratingAnswer." + outcome));
                redirect.addFlashAttribute("done", outcome);
            }
            case RatingWriter.Retry.FailedAgain failed -> {
                // The reason is technical (for the administrator, on the set-aside page), not for the audit page.
                auditLog.record("RATING_ANSWER_FAILED", "RATING_ANSWER", id, null);
                redirect.addFlashAttribute("problem", "FAILED_AGAIN");
            }
            case RatingWriter.Retry.NotSetAside notSetAside -> redirect.addFlashAttribute("problem", "NOT_SET_ASIDE");
        }
        return "redirect:/ratings/set-aside";
    }

    /**
     * HR closes an answer that can never count (a receipt number typed wrong during an outage, a question retired for
     * good): it stays stored with who closed it; the audit log keeps the decision.
     */
    @PostMapping("/ratings/set-aside/{id}/discard")
    String discard(@PathVariable long id, @RequestParam(defaultValue = "false") boolean confirm,
                   @AuthenticationPrincipal WebUser me, RedirectAttributes redirect) {
        // Cannot be undone from the web: asked on the page itself, as the roster's delete is.
        if (!confirm) {
            redirect.addFlashAttribute("problem", "DISCARD_UNCONFIRMED");
        } else if (writer.discard(id, me.getUsername())) {
            auditLog.record("RATING_ANSWER_DISCARDED", "RATING_ANSWER", id, null);
            redirect.addFlashAttribute("done", "DISCARDED");
        } else {
            redirect.addFlashAttribute("problem", "NOT_SET_ASIDE");
        }
        return "redirect:/ratings/set-aside";
    }
}
