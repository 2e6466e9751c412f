package vn.dancham.admin.administration;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.rating.Ratings;
import vn.dancham.scoring.ScoringProperties;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings in force, read-only: rating questions, scoring weights and thresholds, escalation timing. They are
 * set in configuration (application.yml / environment, see README) and change on restart.
 */
@Controller
class SettingsController {

    /** One setting: its dotted name below the feature's prefix and its value. */
    record Setting(String name, String value) {
    }

    private final Ratings ratings;
    private final ScoringProperties scoring;
    private final EscalationProperties escalation;

    SettingsController(Ratings ratings, ScoringProperties scoring, EscalationProperties escalation) {
        this.ratings = ratings;
        this.scoring = scoring;
        this.escalation = escalation;
    }

    @GetMapping("/admin/settings")
    String show(Model model) {
        model.addAttribute("questions", ratings.activeQuestions());
        model.addAttribute("scoring", flatten("dancham.scoring", scoring));
        model.addAttribute("escalation", flatten("dancham.escalation", escalation));
        return "administration/settings";
    }

    /** A configuration record as name = value lines, nested records expanded. */
    static List<Setting> flatten(String prefix, Object value) {
        List<Setting> out = new ArrayList<>();
        if (value != null && value.getClass().isRecord()) {
            for (RecordComponent c : value.getClass().getRecordComponents()) {
                try {
                    out.addAll(flatten(prefix + "." + c.getName(), c.getAccessor().invoke(value)));
                } catch (ReflectiveOperationException e) {
                    out.add(new Setting(prefix + "." + c.getName(), "?"));
                }
            }
        } else {
            out.add(new Setting(prefix, String.valueOf(value)));
        }
        return out;
    }
}
