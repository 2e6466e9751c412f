package vn.dancham.admin.citizen;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.dancham.citizen.CitizenMessages;
import vn.dancham.citizen.CitizenProperties;
import vn.dancham.citizen.DossierLookup;
import vn.dancham.citizen.OneTimeCodes;
import vn.dancham.dossier.DossierStatus;
import vn.dancham.rating.RatingQuestion;
import vn.dancham.rating.RatingReceipt;
import vn.dancham.rating.RatingSubmission;
import vn.dancham.rating.Ratings;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /tra-cuu}: a citizen, without an account and usually on a phone, looks a dossier up with its receipt
 * number and the last four digits of the applicant's phone, sees what the hotline would read, and may rate it. The
 * rating goes through the same {@link Ratings#record} path and eligibility rules as the hotline's, channel WEB:
 * KNOWN by the four digits, or VERIFIED when a one-time code sent by SMS to the applicant's phone on file is typed
 * back (the page never asks for a number, so it cannot be made to text anyone else).
 */
@Controller
class LookupController {

    private final DossierLookup lookup;
    private final Ratings ratings;
    private final OneTimeCodes codes;
    private final MessageSource messages;
    private final CitizenProperties properties;
    private final CitizenMessages citizenMessages;
    private final Clock clock;

    LookupController(DossierLookup lookup, Ratings ratings, OneTimeCodes codes, MessageSource messages,
                     CitizenProperties properties, CitizenMessages citizenMessages, ObjectProvider<Clock> clock) {
        this.lookup = lookup;
        this.citizenMessages = citizenMessages;
        this.ratings = ratings;
        this.codes = codes;
        this.messages = messages;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping("/tra-cuu")
    String form() {
        return "citizen/lookup";
    }

    @PostMapping("/tra-cuu")
    String find(@RequestParam(defaultValue = "") String receipt, @RequestParam(defaultValue = "") String digits,
                HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("receipt", receipt);
        model.addAttribute("digits", digits);
        switch (lookup.find(receipt, digits, request.getRemoteAddr())) {
            case DossierLookup.Found found -> {
                request.getSession().setAttribute(LookupSession.ATTRIBUTE, new LookupSession(
                        found.status().dossierId(), found.status().receipt().digits(), found.digits(), null));
                return "redirect:/tra-cuu/ho-so";
            }
            case DossierLookup.NotFound notFound -> {
                response.setStatus(HttpServletResponse.SC_NOT_FOUND);
                model.addAttribute("error", "lookup.error.notFound");
            }
            case DossierLookup.Invalid invalid -> {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                model.addAttribute("receiptError", invalid.receipt());
                model.addAttribute("digitsError", invalid.digits());
            }
            case DossierLookup.Throttled throttled -> {
                response.setStatus(429);
                model.addAttribute("error", "lookup.error.throttled");
            }
        }
        return "citizen/lookup";
    }

    @GetMapping("/tra-cuu/ho-so")
    String show(HttpSession session, Model model, Locale locale) {
        Optional<LookupSession> state = state(session);
        Optional<DossierStatus> status = state.flatMap(s -> lookup.reopen(s.receipt(), s.digits()));
        if (status.isEmpty()) {
            return "redirect:/tra-cuu";
        }
        return dossierPage(status.get(), state.get(), Map.of(), model, locale);
    }

    @PostMapping("/tra-cuu/danh-gia")
    String rate(@RequestParam Map<String, String> form, HttpServletRequest request, HttpServletResponse response,
                Model model, Locale locale) {
        HttpSession session = request.getSession();
        Optional<LookupSession> found = state(session);
        Optional<DossierStatus> status = found.flatMap(s -> lookup.reopen(s.receipt(), s.digits()));
        if (status.isEmpty()) {
            return "redirect:/tra-cuu";
        }
        LookupSession state = found.get();
        List<RatingQuestion> questions = ratings.activeQuestions();
        Map<String, Integer> answers = answers(form, questions);

        if ("code".equals(form.get("action"))) {
            String phone = status.get().applicantPhone();
            OneTimeCodes.Issue issue = codes.issue(OneTimeCodes.Purpose.RATING, phone, state.subject(),
                    request.getRemoteAddr(), code -> messages.getMessage("lookup.code.sms",
                            new Object[]{code, properties.codeTtl().toMinutes()}, locale));
            if (issue.sent()) {
                state = state.withCode(issue.codeId());
                session.setAttribute(LookupSession.ATTRIBUTE, state);
                model.addAttribute("notice", "lookup.code.sent");
            } else {
                response.setStatus(429);
                model.addAttribute("error", "lookup.code.issue." + issue.outcome());
            }
            return dossierPage(status.get(), state, answers, model, locale);
        }

        if (answers.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", "lookup.rate.noAnswer");
            return dossierPage(status.get(), state, answers, model, locale);
        }
        String typed = form.getOrDefault("code", "").strip();
        String callerNumber = null;
        if (!typed.isEmpty()) {
            if (state.codeId() == null) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                model.addAttribute("error", "lookup.code.check.UNKNOWN");
                return dossierPage(status.get(), state, answers, model, locale);
            }
            OneTimeCodes.Check check = codes.check(state.codeId(), OneTimeCodes.Purpose.RATING, state.subject(), typed);
            if (!check.verified()) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                model.addAttribute("error", "lookup.code.check." + check.outcome());
                model.addAttribute("triesLeft", check.triesLeft());
                return dossierPage(status.get(), state, answers, model, locale);
            }
            // The code reached the applicant's phone: the same as rating by calling from it.
            callerNumber = check.phone();
            session.setAttribute(LookupSession.ATTRIBUTE, state.withoutCode());
        }
        String formKey = validFormKey(form.get("formKey"));
        List<RatingSubmission> submissions = new ArrayList<>();
        for (var answer : answers.entrySet()) {
            submissions.add(new RatingSubmission(null, state.dossierId(), null, answer.getKey(), answer.getValue(),
                    callerNumber, clock.instant(), RatingSubmission.Channel.WEB,
                    formKey == null ? null : "web:" + formKey + ":" + answer.getKey(), state.digits(), false));
        }
        List<RatingReceipt> receipts = ratings.recordAll(submissions);
        model.addAttribute("facts", PublicFacts.of(status.get(), clock.instant()));
        model.addAttribute("verified", callerNumber != null);
        model.addAttribute("held", receipts.stream().filter(r -> r.outcome() != RatingReceipt.Outcome.COUNTED).count());
        model.addAttribute("answered", receipts.size());
        return "citizen/thanks";
    }

    private String dossierPage(DossierStatus status, LookupSession state, Map<String, Integer> answers, Model model,
                               Locale locale) {
        model.addAttribute("facts", PublicFacts.of(status, clock.instant()));
        // "Apology given": only an apology that reached the citizen's phone is claimed (issue 18, item 1).
        model.addAttribute("apology", citizenMessages.apologySent(status.dossierId()).orElse(null));
        boolean english = "en".equals(locale.getLanguage());
        model.addAttribute("questions", ratings.activeQuestions().stream()
                // The stored wording is what the hotline says ("press 1 for…"); the page words its own questions and
                // falls back to the stored wording for a question it has no words for.
                .map(q -> new QuestionView(q.code(), messages.getMessage("lookup.question." + q.code(), null,
                        english ? q.promptEn() : q.promptVi(), locale), answers.get(q.code())))
                .toList());
        model.addAttribute("codeSent", state.codeId() != null);
        model.addAttribute("canVerify", status.applicantPhone() != null);
        model.addAttribute("formKey", UUID.randomUUID().toString());
        model.addAttribute("codeMinutes", properties.codeTtl().toMinutes());
        return "citizen/dossier";
    }

    /** One question on the form, with the value already chosen (kept when the page comes back with a message). */
    record QuestionView(String code, String text, Integer chosen) {
    }

    /** The answers 1–5 given to active questions; anything else is ignored (nothing a person typed). */
    static Map<String, Integer> answers(Map<String, String> form, List<RatingQuestion> questions) {
        Map<String, Integer> answers = new LinkedHashMap<>();
        for (RatingQuestion q : questions) {
            String value = form.get("q." + q.code());
            if (value != null && value.matches("[1-5]")) {
                answers.put(q.code(), Integer.parseInt(value));
            }
        }
        return answers;
    }

    /** The page's own form key (a UUID): a form posted twice stores its answers once. */
    private static String validFormKey(String key) {
        return key != null && key.matches("[0-9a-f-]{36}") ? key : null;
    }

    private static Optional<LookupSession> state(HttpSession session) {
        return session != null && session.getAttribute(LookupSession.ATTRIBUTE) instanceof LookupSession s
                ? Optional.of(s) : Optional.empty();
    }
}
