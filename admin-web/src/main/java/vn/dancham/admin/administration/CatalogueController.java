package vn.dancham.admin.administration;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.dancham.admin.procedures.Procedures;
import vn.dancham.organisation.Organisation;

/**
 * The organisation (units, offices, officers) and the procedures as stored. They are changed through the CSV
 * import (one file, checked as a whole, idempotent), so a province keeps them in one spreadsheet.
 */
@Controller
class CatalogueController {

    private final Organisation organisation;
    private final Procedures procedures;

    CatalogueController(Organisation organisation, Procedures procedures) {
        this.organisation = organisation;
        this.procedures = procedures;
    }

    @GetMapping("/admin/organisation")
    String organisation(Model model) {
        model.addAttribute("units", organisation.units());
        model.addAttribute("offices", organisation.offices());
        model.addAttribute("officers", organisation.allOfficers());
        return "administration/organisation";
    }

    @GetMapping("/admin/procedures")
    String procedures(Model model) {
        model.addAttribute("procedures", procedures.all());
        return "administration/procedures";
    }
}
