package vn.dancham.admin.feedback;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.citizen.CitizenProperties;
import vn.dancham.citizen.OneTimeCodes;
import vn.dancham.citizen.Throttle;
import vn.dancham.feedback.FeedbackProperties;
import vn.dancham.feedback.NewFeedback;
import vn.dancham.feedback.Topic;
import vn.dancham.feedback.WebFeedbacks;
import vn.dancham.organisation.Organisation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /gop-y}: a citizen, without an account and usually on a phone, sends feedback with their name, a phone
 * confirmed by a one-time code (sent to the number typed, a fixed text with nothing the visitor wrote, limited per
 * phone and per client by {@link OneTimeCodes}), address, e-mail, topic, the office, officer and receipt if they
 * wish, a text and up to {@link FeedbackProperties#maxFiles()} photos or PDFs. Every refusal comes back on the same
 * page with what was typed; files cannot be given back to a browser, and the page says so.
 */
@Controller
class FeedbackController {

    private static final String SESSION = FeedbackController.class.getName() + ".code";

    /** The code sent from this session, and to which phone: a code confirms that phone and no other. */
    record CodeSent(long codeId, String phone) implements java.io.Serializable {
    }

    private final WebFeedbacks feedbacks;
    private final OneTimeCodes codes;
    private final Organisation organisation;
    private final Attachments attachments;
    private final MessageSource messages;
    private final CitizenProperties citizen;
    private final FeedbackProperties properties;
    private final Clock clock;
    private final Throttle posts;

    FeedbackController(WebFeedbacks feedbacks, OneTimeCodes codes, Organisation organisation, Attachments attachments,
                       MessageSource messages, CitizenProperties citizen, FeedbackProperties properties,
                       ObjectProvider<Clock> clock) {
        this.feedbacks = feedbacks;
        this.codes = codes;
        this.organisation = organisation;
        this.attachments = attachments;
        this.messages = messages;
        this.citizen = citizen;
        this.properties = properties;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        // In this node's memory: it only caps the work one address can make us do; what costs SMS (codes) and what
        // lands in the inbox (feedback per phone and per client) is counted in the database.
        this.posts = new Throttle(properties.postsPerClient(), Duration.ofMinutes(10), this.clock);
    }

    @ModelAttribute
    void common(Model model) {
        model.addAttribute("topics", Topic.values());
        model.addAttribute("offices", organisation.offices());
        model.addAttribute("maxFiles", properties.maxFiles());
        model.addAttribute("maxMegabytes", properties.maxTotalBytes() / (1024 * 1024));
        model.addAttribute("codeMinutes", citizen.codeTtl().toMinutes());
    }

    @GetMapping("/gop-y")
    String form(@RequestParam(name = "qua-lon", required = false) String tooLarge, Model model) {
        model.addAttribute("form", new FeedbackForm(null, null, null, null, null, null, null, null, null, null));
        model.addAttribute("errors", Map.of());
        if (tooLarge != null) {
            model.addAttribute("error", "feedback.error.tooLarge");
        }
        return "feedback/form";
    }

    @PostMapping("/gop-y")
    String send(@RequestParam Map<String, String> params,
                @RequestParam(name = "files", required = false) List<MultipartFile> files,
                HttpServletRequest request, HttpServletResponse response, Model model, Locale locale,
                RedirectAttributes redirect) {
        FeedbackForm form = new FeedbackForm(params.get("fullName"), params.get("phone"), params.get("address"),
                params.get("email"), params.get("topic"), params.get("office"), params.get("officerName"),
                params.get("receipt"), params.get("body"), params.get("code"));
        model.addAttribute("form", form);
        model.addAttribute("errors", Map.of());
        String client = request.getRemoteAddr();
        if (!posts.tryAcquire(client)) {
            return refuse(response, 429, model, "feedback.error.throttled");
        }
        HttpSession session = request.getSession();
        if ("code".equals(params.get("action"))) {
            return sendCode(form, client, session, response, model, locale);
        }

        Map<String, String> errors = form.errors(id -> organisation.office(id).isPresent());
        Checked checked = chosen(files);
        if (!errors.isEmpty() || checked.error() != null) {
            model.addAttribute("errors", errors);
            model.addAttribute("fileError", checked.error());
            model.addAttribute("badFile", checked.badName());
            // Files get their own message, whatever else is wrong: they are the part the citizen must do again.
            return refuse(response, checked.error() != null && checked.error().equals("feedback.error.tooLarge")
                    ? 413 : 400, model, errors.isEmpty() ? checked.error() : "feedback.error.fields");
        }
        List<Chosen> chosen = checked.files();
        String phone = form.nationalPhone().orElseThrow();
        CodeSent sent = session.getAttribute(SESSION) instanceof CodeSent c ? c : null;
        if (form.code().isEmpty() || form.code().length() > FeedbackForm.MAX_CODE) {
            model.addAttribute("errors", Map.of("code", "feedback.error.codeMissing"));
            return refuse(response, 400, model, sent == null ? "feedback.error.codeFirst" : "feedback.error.codeMissing");
        }
        if (sent == null || !sent.phone().equals(phone)) {
            model.addAttribute("errors", Map.of("code", "feedback.error.codeFirst"));
            return refuse(response, 400, model, "feedback.error.codeFirst");
        }
        Optional<WebFeedbacks.Outcome> limit = feedbacks.overLimit(phone, client, clock.instant());
        if (limit.isPresent()) {
            return refuse(response, 429, model, limitKey(limit.get()));
        }
        OneTimeCodes.Check check = codes.check(sent.codeId(), OneTimeCodes.Purpose.FEEDBACK, subject(phone), form.code());
        if (!check.verified()) {
            model.addAttribute("errors", Map.of("code", "feedback.code.check." + check.outcome()));
            model.addAttribute("triesLeft", check.triesLeft());
            return refuse(response, check.outcome() == OneTimeCodes.CheckOutcome.TOO_MANY_TRIES ? 429 : 400, model,
                    "feedback.code.check." + check.outcome());
        }
        session.removeAttribute(SESSION);

        List<NewFeedback.StoredFile> stored = new ArrayList<>();
        try {
            for (Chosen c : chosen) {
                try (InputStream in = c.file().getInputStream()) {
                    stored.add(attachments.store(in, c.name(), c.kind()));
                }
            }
            WebFeedbacks.Outcome outcome = feedbacks.submit(new NewFeedback(form.fullName(), phone, form.address(),
                    form.email(), form.chosenTopic().orElseThrow(), form.officeId(),
                    form.officerName().isEmpty() ? null : form.officerName(), form.receiptDigits(), form.body(),
                    stored, client, clock.instant()));
            if (!(outcome instanceof WebFeedbacks.Outcome.Stored done)) {
                stored.forEach(f -> attachments.delete(f.storedName()));
                return refuse(response, 429, model, limitKey(outcome));
            }
            redirect.addFlashAttribute("sent", new Sent(done.complaintId(), done.held(), stored.size()));
            return "redirect:/gop-y/da-gui";
        } catch (IOException e) {
            stored.forEach(f -> attachments.delete(f.storedName()));
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            stored.forEach(f -> attachments.delete(f.storedName()));
            throw e;
        }
    }

    /** What the thanks page says: the number to quote, whether the text waits for review, the files kept. */
    record Sent(long number, boolean held, int files) implements java.io.Serializable {
    }

    @GetMapping("/gop-y/da-gui")
    String thanks(Model model) {
        // Reached only straight after sending (the flash attribute); a reload or a bookmark goes back to the form.
        return model.containsAttribute("sent") ? "feedback/thanks" : "redirect:/gop-y";
    }

    private String sendCode(FeedbackForm form, String client, HttpSession session, HttpServletResponse response,
                            Model model, Locale locale) {
        Optional<String> phone = form.phone().length() > 20 ? Optional.empty() : form.nationalPhone();
        if (phone.isEmpty()) {
            model.addAttribute("errors", Map.of("phone", form.phone().isEmpty() ? "feedback.error.required"
                    : "feedback.error.phone"));
            return refuse(response, 400, model, "feedback.error.phoneForCode");
        }
        // The text is fixed (the code and its minutes only): nothing typed on the page reaches anyone's phone.
        OneTimeCodes.Issue issue = codes.issue(OneTimeCodes.Purpose.FEEDBACK, phone.get(), subject(phone.get()), client,
                code -> messages.getMessage("feedback.code.sms", new Object[]{code, citizen.codeTtl().toMinutes()},
                        locale));
        if (!issue.sent()) {
            return refuse(response, 429, model, "feedback.code.issue." + issue.outcome());
        }
        session.setAttribute(SESSION, new CodeSent(issue.codeId(), phone.get()));
        model.addAttribute("notice", "feedback.code.sent");
        model.addAttribute("codePhone", phone.get());
        return "feedback/form";
    }

    /** A file the citizen chose, with the kind its content shows. */
    record Chosen(MultipartFile file, String name, FileKind kind) {
    }

    /** The files chosen, or the first thing wrong with them (a message key) and the file it is about. */
    record Checked(List<Chosen> files, String error, String badName) {
    }

    /** The files chosen (a part without a name and content is no file), each checked by its content. */
    private Checked chosen(List<MultipartFile> files) {
        List<Chosen> chosen = new ArrayList<>();
        long total = 0;
        for (MultipartFile file : files == null ? List.<MultipartFile>of() : files) {
            String original = file.getOriginalFilename();
            if (file.isEmpty() && (original == null || original.isEmpty())) {
                continue;
            }
            String name = cleanName(original);
            total += file.getSize();
            Optional<FileKind> kind = file.isEmpty() ? Optional.empty() : kindOf(file);
            if (kind.isEmpty()) {
                return new Checked(List.of(), "feedback.error.fileType", name);
            }
            chosen.add(new Chosen(file, name, kind.get()));
        }
        if (total > properties.maxTotalBytes()) {
            return new Checked(List.of(), "feedback.error.tooLarge", null);
        }
        if (chosen.size() > properties.maxFiles()) {
            return new Checked(List.of(), "feedback.error.tooManyFiles", null);
        }
        return new Checked(chosen, null, null);
    }

    private static Optional<FileKind> kindOf(MultipartFile file) {
        try (InputStream in = file.getInputStream()) {
            return FileKind.of(in.readNBytes(FileKind.HEAD));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The name as the citizen's device gave it, without a path or control characters, at most 200 characters. */
    static String cleanName(String original) {
        String name = original == null ? "" : original.replaceAll("^.*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
        if (name.isEmpty()) {
            return "tep";
        }
        return name.length() > 200 ? name.substring(0, 200) : name;
    }

    private static String limitKey(WebFeedbacks.Outcome outcome) {
        return outcome instanceof WebFeedbacks.Outcome.PhoneLimit ? "feedback.error.phoneLimit"
                : "feedback.error.clientLimit";
    }

    private static String subject(String phone) {
        return "feedback:" + phone;
    }

    private static String refuse(HttpServletResponse response, int status, Model model, String error) {
        response.setStatus(status);
        model.addAttribute("error", error);
        return "feedback/form";
    }

    /**
     * A post over the servlet's multipart cap (26 MB) is refused before it is read, so what was typed cannot come
     * back; the page says the files were too large and the form starts empty. The page's script stops files over
     * the limit before they are sent, so only a browser without it gets here.
     */
    @org.springframework.web.bind.annotation.ControllerAdvice(assignableTypes = FeedbackController.class)
    static class TooLarge {
        @org.springframework.web.bind.annotation.ExceptionHandler(
                org.springframework.web.multipart.MaxUploadSizeExceededException.class)
        String tooLarge() {
            return "redirect:/gop-y?qua-lon";
        }
    }
}
