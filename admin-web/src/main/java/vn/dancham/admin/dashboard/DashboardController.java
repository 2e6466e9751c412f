package vn.dancham.admin.dashboard;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.dancham.admin.security.WebUser;
import vn.dancham.organisation.Organisation;

/** The leaders' overview. Figures come from the scoring core and the hotline's APIs. */
@Controller
class DashboardController {

    private final Organisation organisation;

    DashboardController(Organisation organisation) {
        this.organisation = organisation;
    }

    @GetMapping("/dashboard")
    String show(@AuthenticationPrincipal WebUser me, Model model) {
        var offices = organisation.offices().stream().filter(o -> me.maySeeOffice(o.id())).toList();
        model.addAttribute("offices", offices);
        return "dashboard/show";
    }
}
