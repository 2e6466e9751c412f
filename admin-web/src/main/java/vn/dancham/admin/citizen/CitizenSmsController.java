package vn.dancham.admin.citizen;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.security.WebUser;
import vn.dancham.admin.web.WebProperties;
import vn.dancham.citizen.CitizenMessages;
import vn.dancham.citizen.CitizenTemplate;
import vn.dancham.citizen.CitizenTemplates;

import java.security.Principal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The citizen SMS for staff: the office head's list of dossiers apologised for, the administrators' monthly count of
 * segments by kind, and saving a citizen SMS template from /admin/settings.
 */
@Controller
class CitizenSmsController {

    private final CitizenMessages messages;
    private final CitizenTemplates templates;
    private final AuditLog auditLog;
    private final WebProperties properties;
    private final TransactionTemplate tx;

    CitizenSmsController(CitizenMessages messages, CitizenTemplates templates, AuditLog auditLog,
                         WebProperties properties, PlatformTransactionManager transactions) {
        this.messages = messages;
        this.templates = templates;
        this.auditLog = auditLog;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
    }

    /** An office head sees their office's only (the /reports/** rule lets HR, leaders, admins and office heads in). */
    @GetMapping("/reports/apologies")
    String apologies(@AuthenticationPrincipal WebUser me, Model model) {
        model.addAttribute("apologies", messages.apologised(me.limitedToOffice() ? me.officeId() : null, 500));
        return "citizen/apologies";
    }

    @GetMapping("/admin/sms-usage")
    String usage(@RequestParam(required = false) String month, Model model) {
        YearMonth now = YearMonth.now(properties.zone());
        YearMonth ym = now;
        if (month != null) {
            try {
                ym = YearMonth.parse(month);
            } catch (DateTimeParseException e) {
                model.addAttribute("badMonth", true);
            }
        }
        List<CitizenMessages.SegmentCount> counts = messages.segmentsByKind(ym);
        model.addAttribute("month", ym);
        model.addAttribute("months", IntStream.range(0, 12).mapToObj(now::minusMonths).toList());
        model.addAttribute("counts", counts);
        model.addAttribute("totalMessages", counts.stream().mapToInt(CitizenMessages.SegmentCount::messages).sum());
        model.addAttribute("totalSegments", counts.stream().mapToInt(CitizenMessages.SegmentCount::segments).sum());
        model.addAttribute("totalSimulated", counts.stream()
                .mapToInt(CitizenMessages.SegmentCount::simulatedSegments).sum());
        return "citizen/usage";
    }

    @PostMapping("/admin/settings/citizen-sms")
    String saveTemplate(@RequestParam String kind, @RequestParam(required = false) String text, Principal principal,
                        RedirectAttributes redirect) {
        CitizenTemplate template;
        try {
            template = CitizenTemplate.valueOf(kind);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("citizenError", "citizenSms.error.unknownKind");
            return "redirect:/admin/settings#citizen-sms";
        }
        CitizenTemplates.Update update = tx.execute(status -> {
            CitizenTemplates.Update u = templates.update(template, text, principal.getName());
            if (u.changed()) {
                auditLog.record("CITIZEN_SMS_TEMPLATE_CHANGED", "CITIZEN_SMS_TEMPLATE", template.name(),
                        "«" + u.before() + "» → «" + u.after() + "»");
            }
            return u;
        });
        if (!update.accepted()) {
            redirect.addFlashAttribute("citizenError", "citizenSms.error." + update.problems().getFirst().name());
            redirect.addFlashAttribute("citizenErrorDetail", update.detail());
            redirect.addFlashAttribute("citizenErrorKind", template.name());
            redirect.addFlashAttribute("citizenInput", text);
        } else {
            redirect.addFlashAttribute("saved", update.changed() ? "citizenSms" : "unchanged");
        }
        return "redirect:/admin/settings#citizen-sms";
    }
}
