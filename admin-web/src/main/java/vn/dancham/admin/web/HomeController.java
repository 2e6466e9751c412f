package vn.dancham.admin.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import vn.dancham.admin.security.Role;
import vn.dancham.admin.security.WebUser;

/** The login page, and the start page each role lands on after login. */
@Controller
class HomeController {

    @GetMapping("/login")
    String login() {
        return "login";
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal WebUser user) {
        if (user == null) {
            return "redirect:/login";
        }
        if (user.hasAny(Role.LEADER, Role.HR, Role.ADMIN, Role.OFFICE_HEAD)) {
            return "redirect:/dashboard";
        }
        if (user.has(Role.COMPLAINT_HANDLER)) {
            return "redirect:/complaints";
        }
        if (user.has(Role.OFFICER)) {
            return "redirect:/toi";
        }
        return "redirect:/dossiers";
    }
}
