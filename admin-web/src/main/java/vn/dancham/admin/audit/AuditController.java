package vn.dancham.admin.audit;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The audit log for administrators: who changed, listened to or exported what. */
@Controller
class AuditController {

    private static final int PAGE = 100;

    private final AuditLog auditLog;

    AuditController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/admin/audit")
    String list(@RequestParam(required = false) String q, @RequestParam(defaultValue = "0") int page, Model model) {
        int safePage = Math.max(0, page);
        model.addAttribute("q", q);
        model.addAttribute("page", safePage);
        model.addAttribute("entries", auditLog.search(q, PAGE, safePage * PAGE));
        return "audit/list";
    }
}
