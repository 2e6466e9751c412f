package vn.dancham.admin.scores;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.organisation.Organisation;
import vn.dancham.review.ReviewRequests;
import vn.dancham.scoring.Period;
import vn.dancham.scoring.ScoreExplanation;
import vn.dancham.scoring.Scores;
import vn.dancham.scoring.Subject;

import java.time.LocalDate;

/**
 * {@code /toi}: an officer's own score, so they can learn from it ("rút kinh nghiệm"). The officer is the one linked
 * to the login, never one named in the request: there is no id in these URLs to change. Each counted answer shows
 * its date, question, value and weight (never who gave it); held answers only as a count; the stages they made late
 * and the complaints confirmed against them; and they may ask HR to review an answer or a complaint.
 */
@Controller
class OwnScoreController {

    /** Answers listed: the newest this many of the period (the score itself counts them all). */
    static final int LISTED = 200;

    private final Scores scores;
    private final Organisation organisation;
    private final ScoreAccount account;
    private final ReviewRequests reviews;
    private final WebProperties properties;

    OwnScoreController(Scores scores, Organisation organisation, ScoreAccount account, ReviewRequests reviews,
                       WebProperties properties) {
        this.scores = scores;
        this.organisation = organisation;
        this.account = account;
        this.reviews = reviews;
        this.properties = properties;
    }

    @GetMapping("/toi")
    String show(@RequestParam(required = false) String period, @AuthenticationPrincipal WebUser me, Model model) {
        long officerId = officerOf(me);
        LocalDate today = LocalDate.now(properties.zone());
        Period p = PeriodChoice.parse(period, today);
        ScoreExplanation x = scores.explain(Subject.officer(officerId), p, LISTED);
        model.addAttribute("officer", organisation.officer(officerId).orElseThrow());
        model.addAttribute("x", x);
        model.addAttribute("f", x.score().figures());
        model.addAttribute("account", account.explain(x));
        model.addAttribute("lateStages", x.stages().stream().filter(ScoreExplanation.StageItem::late).toList());
        model.addAttribute("confirmed", x.complaints().stream().filter(ScoreExplanation.ComplaintItem::confirmed).toList());
        model.addAttribute("requests", reviews.forOfficer(officerId));
        model.addAttribute("period", p);
        model.addAttribute("periodCode", PeriodChoice.code(p));
        model.addAttribute("periods", PeriodChoice.options(today));
        return "scores/own";
    }

    @PostMapping("/toi/de-nghi")
    String ask(@RequestParam String kind, @RequestParam long item, @RequestParam(defaultValue = "") String reason,
               @RequestParam(required = false) String period, @AuthenticationPrincipal WebUser me,
               RedirectAttributes redirect) {
        ReviewRequests.Kind k = switch (kind) {
            case "RATING" -> ReviewRequests.Kind.RATING;
            case "COMPLAINT" -> ReviewRequests.Kind.COMPLAINT;
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        };
        ReviewRequests.Asked asked = reviews.ask(officerOf(me), k, item, reason, me.getUsername());
        if (asked.outcome() == ReviewRequests.AskOutcome.NOT_THEIRS) {
            // Another officer's answer or complaint, or none: the same 404 either way, nothing stored.
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        redirect.addFlashAttribute("asked", asked.outcome().name());
        if (!asked.asked()) {
            redirect.addFlashAttribute("askedItem", kind + "-" + item);
            redirect.addFlashAttribute("reason", reason);
        }
        redirect.addAttribute("period", period == null ? PeriodChoice.DEFAULT : period);
        return "redirect:/toi";
    }

    /**
     * A login with role OFFICER but no officer linked (the user page refuses that, but a link can be removed by
     * hand) has no page of its own: 404, the same as any page that is not there.
     */
    private static long officerOf(WebUser me) {
        if (me.officerId() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return me.officerId();
    }
}
