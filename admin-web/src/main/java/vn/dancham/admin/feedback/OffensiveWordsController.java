package vn.dancham.admin.feedback;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.feedback.OffensiveWords;
import vn.dancham.feedback.SimulatedCodes;

/**
 * {@code /admin/settings/offensive-words}: the list that holds web feedback for review, kept by administrators; and
 * {@code /admin/sms-codes}: one-time codes of the last hour that were only simulated (no Twilio account), so an
 * administrator can try the public pages on a demo.
 */
@Controller
class OffensiveWordsController {

    private final OffensiveWords words;
    private final AuditLog auditLog;
    private final SimulatedCodes simulated;

    OffensiveWordsController(OffensiveWords words, AuditLog auditLog, SimulatedCodes simulated) {
        this.words = words;
        this.auditLog = auditLog;
        this.simulated = simulated;
    }

    @GetMapping("/admin/sms-codes")
    String simulatedCodes(Model model) {
        model.addAttribute("codes", simulated.since(java.time.Instant.now().minus(java.time.Duration.ofHours(1)), 50));
        return "feedback/sms-codes";
    }

    @GetMapping("/admin/settings/offensive-words")
    String list(Model model) {
        model.addAttribute("words", words.list());
        return "feedback/offensive-words";
    }

    @PostMapping("/admin/settings/offensive-words")
    String add(@RequestParam(defaultValue = "") String word, RedirectAttributes redirect) {
        OffensiveWords.AddOutcome outcome = words.add(word);
        if (outcome == OffensiveWords.AddOutcome.ADDED) {
            auditLog.record("OFFENSIVE_WORD_ADDED", "SETTING", null, word.strip());
        } else {
            redirect.addFlashAttribute("typed", word);
        }
        redirect.addFlashAttribute("outcome", outcome.name());
        return "redirect:/admin/settings/offensive-words";
    }

    @PostMapping("/admin/settings/offensive-words/{id}/delete")
    String remove(@PathVariable long id, RedirectAttributes redirect) {
        String word = words.list().stream().filter(e -> e.id() == id).map(OffensiveWords.Entry::word).findFirst()
                .orElse(null);
        if (word != null && words.remove(id)) {
            auditLog.record("OFFENSIVE_WORD_REMOVED", "SETTING", id, word);
            redirect.addFlashAttribute("outcome", "REMOVED");
        }
        return "redirect:/admin/settings/offensive-words";
    }
}
