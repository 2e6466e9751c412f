package vn.dancham.admin.administration;

import org.springframework.stereotype.Controller;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.citizen.CitizenProperties;
import vn.dancham.citizen.CitizenTemplates;
import vn.dancham.escalation.AlertTemplates;
import vn.dancham.escalation.EscalationPolicies;
import vn.dancham.escalation.EscalationProperties;
import vn.dancham.escalation.Severity;
import vn.dancham.ivr.prompts.Prompt;
import vn.dancham.rating.RatingQuestions;
import vn.dancham.scoring.ScoringSetting;
import vn.dancham.text.StoredText;
import vn.dancham.scoring.ScoringSettings;
import vn.dancham.scoring.ScoringSettingsEditor;

import java.lang.reflect.RecordComponent;
import java.security.Principal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings page: administrators change the rating questions (order, asked or not, written wording), the scoring
 * weights and thresholds ({@link ScoringSetting}) and the escalation policies; each change is audited (who, what,
 * old → new) in the same transaction. The rest of the configuration is shown read-only. Only ADMIN reaches
 * {@code /admin/**} (SecurityConfiguration).
 */
@Controller
class SettingsController {

    /** One setting: its dotted name below the feature's prefix and its value. */
    /** A configuration key and its value as configured (a Duration, Boolean, enum…; the page puts it in words). */
    record Setting(String name, Object value) {
    }

    /** A question with what the hotline actually plays for it (null: only "question number N"). */
    record QuestionRow(RatingQuestions.Question question, Prompt spoken) {
    }

    private final RatingQuestions questions;
    private final ScoringSettings scoring;
    private final ScoringSettingsEditor scoringEditor;
    private final EscalationPolicies policies;
    private final AlertTemplates templates;
    private final EscalationProperties escalation;
    private final AuditLog auditLog;
    private final TransactionTemplate tx;
    private final CitizenTemplates citizenTemplates;
    private final CitizenProperties.Sms citizen;

    SettingsController(RatingQuestions questions, ScoringSettings scoring, ScoringSettingsEditor scoringEditor,
                       EscalationPolicies policies, AlertTemplates templates, EscalationProperties escalation,
                       AuditLog auditLog,
                       PlatformTransactionManager transactions, CitizenTemplates citizenTemplates,
                       CitizenProperties citizen) {
        this.citizenTemplates = citizenTemplates;
        this.citizen = citizen.sms();
        this.questions = questions;
        this.scoring = scoring;
        this.scoringEditor = scoringEditor;
        this.policies = policies;
        this.templates = templates;
        this.escalation = escalation;
        this.auditLog = auditLog;
        this.tx = new TransactionTemplate(transactions);
    }

    @GetMapping("/admin/settings")
    String show(Model model) {
        return page(model);
    }

    private String page(Model model) {
        List<QuestionRow> rows = questions.all().stream()
                .map(q -> new QuestionRow(q, Prompt.forQuestion(q.code()).orElse(null))).toList();
        model.addAttribute("questions", rows);
        model.addAttribute("scoringValues", scoringEditor.values());
        if (!model.containsAttribute("scoringInput")) {
            Map<ScoringSetting, String> input = new EnumMap<>(ScoringSetting.class);
            scoringEditor.values().forEach(v -> input.put(v.setting(), v.effective()));
            model.addAttribute("scoringInput", input);
        }
        model.addAttribute("policies", policies.all());
        List<String> editable = java.util.Arrays.stream(ScoringSetting.values()).map(ScoringSetting::property).toList();
        // What is not editable here, as configured (the editable ones are in the form above, with their configured value).
        model.addAttribute("scoring", flatten("dancham.scoring", scoring.configured()).stream()
                .filter(s -> !editable.contains(kebabPath(s.name()))).toList());
        model.addAttribute("escalation", flatten("dancham.escalation", escalation));
        // What each SMS costs with the configured diacritics and segment limit (strip-diacritics, max-segments).
        model.addAttribute("templates", templates.samples());
        model.addAttribute("maxPrompt", RatingQuestions.MAX_PROMPT);
        // The citizen SMS (issue 17): editable texts with their segment count, as they would leave now.
        model.addAttribute("citizenTemplates", citizenTemplates.all());
        model.addAttribute("citizenStrip", escalation.stripDiacritics());
        model.addAttribute("citizenMaxSegments", citizen.maxSegments());
        model.addAttribute("citizen", flatten("dancham.citizen.sms", citizen));
        return "administration/settings";
    }

    @PostMapping("/admin/settings/scoring")
    String saveScoring(@RequestParam MultiValueMap<String, String> form, Principal principal, Model model,
                       RedirectAttributes redirect) {
        Map<ScoringSetting, String> proposed = new EnumMap<>(ScoringSetting.class);
        for (ScoringSetting s : ScoringSetting.values()) {
            proposed.put(s, form.getFirst(s.name()));
        }
        ScoringSettingsEditor.Update update = tx.execute(status -> {
            ScoringSettingsEditor.Update u = scoringEditor.update(proposed, principal.getName());
            for (ScoringSettingsEditor.Change c : u.changes()) {
                auditLog.record("SETTING_CHANGED", "SETTING", c.setting().property(), c.before() + " → " + c.after());
            }
            return u;
        });
        if (!update.accepted()) {
            model.addAttribute("scoringInput", proposed);
            model.addAttribute("scoringErrors", update.problems());
            return page(model);
        }
        redirect.addFlashAttribute("saved", update.changes().isEmpty() ? "unchanged" : "scoring");
        return "redirect:/admin/settings#scoring";
    }

    @PostMapping("/admin/settings/questions")
    String saveQuestions(@RequestParam MultiValueMap<String, String> form, Model model, RedirectAttributes redirect) {
        List<RatingQuestions.Edit> edits = new ArrayList<>();
        for (RatingQuestions.Question q : questions.all()) {
            String p = "q" + q.id() + ".";
            edits.add(new RatingQuestions.Edit(q.id(), form.getFirst(p + "seq"), form.getFirst(p + "promptVi"),
                    form.getFirst(p + "promptEn"), "true".equals(form.getFirst(p + "active"))));
        }
        RatingQuestions.Update update = tx.execute(status -> {
            RatingQuestions.Update u = questions.update(edits);
            for (RatingQuestions.Change c : u.changes()) {
                auditLog.recordText("RATING_QUESTION_CHANGED", "RATING_QUESTION", c.after().code(), describe(c));
            }
            return u;
        });
        if (!update.accepted()) {
            Map<String, String> input = new HashMap<>();
            form.forEach((k, v) -> input.put(k, v.isEmpty() ? null : v.getFirst()));
            Map<String, RatingQuestions.Problem> errors = new HashMap<>();
            update.problems().forEach(p -> errors.put("q" + p.questionId() + "." + p.field(), p.problem()));
            model.addAttribute("questionInput", input);
            model.addAttribute("questionErrors", errors);
            model.addAttribute("noneActive", update.problems().stream()
                    .anyMatch(p -> p.problem() == RatingQuestions.Problem.NONE_ACTIVE));
            return page(model);
        }
        redirect.addFlashAttribute("saved", update.changes().isEmpty() ? "unchanged" : "questions");
        return "redirect:/admin/settings#questions";
    }

    @PostMapping("/admin/settings/escalation")
    String saveEscalation(@RequestParam Severity severity, @RequestParam(required = false) String waitMinutes,
                          @RequestParam(required = false) String maxLevel,
                          @RequestParam(required = false) String repeats, Model model, RedirectAttributes redirect) {
        EscalationPolicies.Update update = tx.execute(status -> {
            EscalationPolicies.Update u = policies.update(severity, waitMinutes, maxLevel, repeats);
            if (u.changed()) {
                auditLog.recordText("ESCALATION_POLICY_CHANGED", "ESCALATION_POLICY", severity.name(),
                        describe(u.before(), u.after()));
            }
            return u;
        });
        if (!update.accepted()) {
            model.addAttribute("policyErrorSeverity", severity);
            model.addAttribute("policyErrors", update.problems());
            model.addAttribute("policyInput", Map.of("waitMinutes", String.valueOf(waitMinutes),
                    "maxLevel", String.valueOf(maxLevel), "repeats", String.valueOf(repeats)));
            return page(model);
        }
        redirect.addFlashAttribute("saved", update.changed() ? "escalation" : "unchanged");
        return "redirect:/admin/settings#escalation";
    }

    /**
     * Only what changed ("order 1 → 2; asked: yes → no; Vietnamese words «…» → «…»"), as a message code per change
     * with the values as they were typed: the audit page words it in the reader's language; the values are evidence.
     */
    static StoredText describe(RatingQuestions.Change c) {
        List<StoredText> parts = new ArrayList<>();
        var b = c.before();
        var a = c.after();
        if (b.seq() != a.seq()) {
            parts.add(StoredText.of("audit.text.question.seq", b.seq(), a.seq()));
        }
        if (b.active() != a.active()) {
            parts.add(StoredText.of("audit.text.question.active", StoredText.word("audit.text.yesNo", b.active()),
                    StoredText.word("audit.text.yesNo", a.active())));
        }
        if (!b.promptVi().equals(a.promptVi())) {
            parts.add(StoredText.of("audit.text.question.promptVi", b.promptVi(), a.promptVi()));
        }
        if (!b.promptEn().equals(a.promptEn())) {
            parts.add(StoredText.of("audit.text.question.promptEn", b.promptEn(), a.promptEn()));
        }
        return StoredText.of("audit.text.changes", parts);
    }

    static StoredText describe(EscalationPolicies.Policy b, EscalationPolicies.Policy a) {
        List<StoredText> parts = new ArrayList<>();
        if (!b.waitTime().equals(a.waitTime())) {
            parts.add(StoredText.of("audit.text.policy.wait", b.waitMinutes(), a.waitMinutes()));
        }
        if (b.maxLevel() != a.maxLevel()) {
            parts.add(StoredText.of("audit.text.policy.maxLevel", b.maxLevel(), a.maxLevel()));
        }
        if (b.repeats() != a.repeats()) {
            parts.add(StoredText.of("audit.text.policy.repeats", b.repeats(), a.repeats()));
        }
        return StoredText.of("audit.text.changes", parts);
    }

    /** {@code dancham.scoring.model.priorWeight} → {@code dancham.scoring.model.prior-weight}. */
    private static String kebabPath(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
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
            out.add(new Setting(prefix, value));
        }
        return out;
    }
}
