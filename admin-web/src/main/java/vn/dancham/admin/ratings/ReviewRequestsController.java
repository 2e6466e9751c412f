package vn.dancham.admin.ratings;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.security.WebUser;
import vn.dancham.review.ReviewRequests;

/**
 * HR's queue of officers' requests to review an answer or a complaint ("đề nghị xem xét"). A decision carries a
 * note the officer reads on {@code /toi}, and is written to the audit log in the same transaction.
 */
@Controller
class ReviewRequestsController {

    private final ReviewRequests reviews;
    private final AuditLog auditLog;
    private final TransactionTemplate tx;

    ReviewRequestsController(ReviewRequests reviews, AuditLog auditLog, PlatformTransactionManager transactions) {
        this.reviews = reviews;
        this.auditLog = auditLog;
        this.tx = new TransactionTemplate(transactions);
    }

    @GetMapping("/ratings/appeals")
    String queue(Model model) {
        model.addAttribute("requests", reviews.queue(true, 300));
        return "ratings/appeals";
    }

    @PostMapping("/ratings/appeals/{id}/decide")
    String decide(@PathVariable long id, @RequestParam String decision, @RequestParam(defaultValue = "") String note,
                  @AuthenticationPrincipal WebUser me, RedirectAttributes redirect) {
        boolean accept = switch (decision) {
            case "ACCEPTED" -> true;
            case "REJECTED" -> false;
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        };
        ReviewRequests.Decided decided = tx.execute(status -> {
            ReviewRequests.Decided d = reviews.decide(id, accept, note, me.getUsername());
            if (d.decided()) {
                auditLog.record(accept ? "REVIEW_REQUEST_ACCEPTED" : "REVIEW_REQUEST_REJECTED", "REVIEW_REQUEST", id,
                        d.request().decisionNote());
            }
            return d;
        });
        if (decided.outcome() == ReviewRequests.DecideOutcome.UNKNOWN) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("decided", decided.outcome().name());
        redirect.addFlashAttribute("decidedId", id);
        if (!decided.decided()) {
            redirect.addFlashAttribute("note", note);
        }
        return "redirect:/ratings/appeals";
    }
}
