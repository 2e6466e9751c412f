package vn.dancham.admin.administration;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.admin.api.ApiKeys;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.security.WebUser;

/** API keys for the one-stop system: issued (shown once), listed by prefix, revoked. */
@Controller
class ApiKeyController {

    private final ApiKeys apiKeys;
    private final AuditLog auditLog;

    ApiKeyController(ApiKeys apiKeys, AuditLog auditLog) {
        this.apiKeys = apiKeys;
        this.auditLog = auditLog;
    }

    @GetMapping("/admin/api-keys")
    String list(Model model) {
        model.addAttribute("keys", apiKeys.list());
        return "administration/api-keys";
    }

    @PostMapping("/admin/api-keys")
    String issue(@RequestParam String name, @AuthenticationPrincipal WebUser me, RedirectAttributes redirect) {
        String clean = name.strip();
        if (clean.isEmpty() || clean.length() > 100) {
            redirect.addFlashAttribute("error", true);
            return "redirect:/admin/api-keys";
        }
        ApiKeys.IssuedKey key = apiKeys.issue(clean, me.getUsername());
        auditLog.record("API_KEY_ISSUED", "API_KEY", key.id(), clean);
        // Flash attribute: shown on the next page only, never stored in clear.
        redirect.addFlashAttribute("issued", key);
        return "redirect:/admin/api-keys";
    }

    @PostMapping("/admin/api-keys/{id}/revoke")
    String revoke(@PathVariable long id) {
        if (apiKeys.revoke(id)) {
            auditLog.record("API_KEY_REVOKED", "API_KEY", id, null);
        }
        return "redirect:/admin/api-keys";
    }
}
