package vn.dancham.admin.account;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.security.AppUsers;
import vn.dancham.admin.security.WebUser;

/** One's own account: roles, and changing one's password (the first administrator must). */
@Controller
class AccountController {

    static final int MIN_PASSWORD_LENGTH = 10;

    private final AppUsers users;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog auditLog;

    AccountController(AppUsers users, PasswordEncoder passwordEncoder, AuditLog auditLog) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.auditLog = auditLog;
    }

    @GetMapping("/account")
    String show(@AuthenticationPrincipal WebUser me, Model model) {
        model.addAttribute("minLength", MIN_PASSWORD_LENGTH);
        return "account/show";
    }

    @PostMapping("/account/password")
    String changePassword(@AuthenticationPrincipal WebUser me, @RequestParam String current,
                          @RequestParam String password, @RequestParam String repeat, RedirectAttributes redirect) {
        String hash = users.load(me.getUsername()).map(WebUser::getPassword).orElse(null);
        String error = null;
        if (hash == null || !passwordEncoder.matches(current, hash)) {
            error = "account.error.current";
        } else if (password.length() < MIN_PASSWORD_LENGTH) {
            error = "account.error.short";
        } else if (!password.equals(repeat)) {
            error = "account.error.repeat";
        }
        if (error != null) {
            redirect.addFlashAttribute("error", error);
            return "redirect:/account";
        }
        users.setPassword(me.id(), password);
        auditLog.record("PASSWORD_CHANGED", "USER", me.id(), null);
        redirect.addFlashAttribute("saved", true);
        return "redirect:/account";
    }
}
