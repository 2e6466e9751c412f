package vn.dancham.admin.administration;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The administrators' start page: links to each settings page. */
@Controller
class AdministrationController {

    @GetMapping("/admin")
    String index() {
        return "administration/index";
    }
}
