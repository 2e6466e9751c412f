package vn.dancham.admin.dossiers;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.beans.factory.ObjectProvider;
import vn.dancham.admin.security.WebUser;
import vn.dancham.citizen.CitizenMessages;
import vn.dancham.admin.web.PhoneMask;
import vn.dancham.dossier.DossierTimeline;
import vn.dancham.dossier.Dossiers;
import vn.dancham.dossier.ReceiptNumber;

import java.time.Clock;
import java.util.Optional;

/**
 * Search a receipt number and see the dossier's story: each stage, who held it how long, its due time and where
 * it went late — what a caller hears on the phone. An office head sees only dossiers their office touched.
 */
@Controller
class DossierController {

    private final Dossiers dossiers;
    private final CitizenMessages citizenMessages;
    private final Clock clock;

    DossierController(Dossiers dossiers, CitizenMessages citizenMessages, ObjectProvider<Clock> clock) {
        this.dossiers = dossiers;
        this.citizenMessages = citizenMessages;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
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
        // Every SMS to and from citizens about this dossier (issue 17), and the formal apology letter once it is late.
        model.addAttribute("citizenMessages", citizenMessages.forDossier(timeline.get().status().dossierId()));
        return "dossiers/search";
    }

    /** The printable apology letter with the new date (phiếu xin lỗi và hẹn lại ngày trả kết quả). */
    @GetMapping("/dossiers/{receipt}/apology-letter")
    String apologyLetter(@PathVariable String receipt, @AuthenticationPrincipal WebUser me, Model model,
                         HttpServletResponse response) {
        ReceiptNumber number = ReceiptNumber.parse(receipt);
        Optional<CitizenMessages.ApologyLetter> letter = Optional.ofNullable(number)
                .flatMap(dossiers::timeline).filter(t -> visibleTo(t, me))
                .flatMap(t -> citizenMessages.apologyLetter(t.status().dossierId(), clock.instant()));
        if (letter.isEmpty()) {
            model.addAttribute("receipt", receipt);
            model.addAttribute("error", "dossiers.error.noLetter");
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "dossiers/search";
        }
        model.addAttribute("letter", letter.get());
        return "dossiers/apology-letter";
    }

    static boolean visibleTo(DossierTimeline timeline, WebUser me) {
        if (!me.limitedToOffice()) {
            return true;
        }
        return me.maySeeOffice(timeline.status().receivingOfficeId())
                || timeline.stages().stream().anyMatch(s -> me.maySeeOffice(s.officeId()));
    }
}
