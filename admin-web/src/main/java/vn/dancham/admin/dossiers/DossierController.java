package vn.dancham.admin.dossiers;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.web.PhoneMask;
import vn.dancham.dossier.DossierTimeline;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;

import java.util.Optional;

/**
 * Search a receipt number and see the dossier's story: each stage, who held it how long, its due time and where
 * it went late — what a caller hears on the phone. An office head sees only dossiers their office touched.
 */
@Controller
class DossierController {

    private final Dossiers dossiers;

    DossierController(Dossiers dossiers) {
        this.dossiers = dossiers;
    }

    @GetMapping("/dossiers")
    String search(@RequestParam(required = false) String receipt, @AuthenticationPrincipal WebUser me, Model model) {
        model.addAttribute("receipt", receipt);
        if (receipt == null || receipt.isBlank()) {
            return "dossiers/search";
        }
        ReceiptNumber number = ReceiptNumber.parse(receipt);
        if (number == null) {
            model.addAttribute("error", "dossiers.error.format");
            return "dossiers/search";
        }
        return "redirect:/dossiers/" + number.digits();
    }

    @GetMapping("/dossiers/{receipt}")
    String show(@PathVariable String receipt, @AuthenticationPrincipal WebUser me, Model model,
                HttpServletResponse response) {
        model.addAttribute("receipt", receipt);
        ReceiptNumber number = ReceiptNumber.parse(receipt);
        if (number == null) {
            model.addAttribute("error", "dossiers.error.format");
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "dossiers/search";
        }
        Optional<DossierTimeline> timeline = dossiers.timeline(number).filter(t -> visibleTo(t, me));
        if (timeline.isEmpty()) {
            // Same answer for "no such dossier" and "not your office's": an office head cannot probe numbers.
            model.addAttribute("error", "dossiers.error.notFound");
            // 404 with the search form and its message: a link to a wrong number is a missing page, not a success.
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "dossiers/search";
        }
        model.addAttribute("t", timeline.get());
        model.addAttribute("applicantPhone", PhoneMask.forViewer(me, timeline.get().status().applicantPhone()));
        return "dossiers/search";
    }

    static boolean visibleTo(DossierTimeline timeline, WebUser me) {
        if (!me.limitedToOffice()) {
            return true;
        }
        return me.maySeeOffice(timeline.status().receivingOfficeId())
                || timeline.stages().stream().anyMatch(s -> me.maySeeOffice(s.officeId()));
    }
}
