package vn.dancham.admin.ratings;

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
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.web.PhoneMask;
import vn.dancham.rating.FlaggedRating;
import vn.dancham.rating.RatingReview;
import vn.dancham.rating.RatingWriter;

import java.util.List;

/** HR reviews ratings the anti-gaming rules held out: valid ones count from then on, invalid ones stay stored. */
@Controller
class FlaggedRatingsController {

    /** A flagged rating with the caller number as this viewer may see it. */
    record Row(FlaggedRating rating, String caller) {
    }

    private final RatingReview review;
    private final RatingWriter writer;
    private final AuditLog auditLog;

    FlaggedRatingsController(RatingReview review, RatingWriter writer, AuditLog auditLog) {
        this.review = review;
        this.writer = writer;
        this.auditLog = auditLog;
    }

    @GetMapping("/ratings/flagged")
    String list(@AuthenticationPrincipal WebUser me, Model model) {
        List<Row> rows = review.flagged(null, 500).stream()
                .map(r -> new Row(r, PhoneMask.forViewer(me, r.callerNumber()))).toList();
        model.addAttribute("rows", rows);
        // Answers the writer could not count wait for HR too, on their own page.
        model.addAttribute("setAside", writer.setAside());
        return "ratings/flagged";
    }

    @PostMapping("/ratings/{id}/review")
    String decide(@PathVariable long id, @RequestParam boolean valid, @AuthenticationPrincipal WebUser me,
                  RedirectAttributes redirect) {
        RatingReview.Result result = review.review(id, valid, me.id());
        if (result == RatingReview.Result.NOT_FOUND) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (result == RatingReview.Result.COUNTED || result == RatingReview.Result.REJECTED) {
            auditLog.record(valid ? "RATING_ACCEPTED" : "RATING_REJECTED", "RATING", id, null);
        }
        redirect.addFlashAttribute("result", result.name());
        return "redirect:/ratings/flagged";
    }
}
