package vn.dancham.admin.testcall;

import vn.dancham.text.StoredText;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.security.WebUser;
import vn.dancham.ivr.softphone.PlayedPrompt;
import vn.dancham.ivr.softphone.SoftphoneCall;
import vn.dancham.ivr.softphone.SoftphoneOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Try the hotline from a browser: the server plays Asterisk's part against our own FastAGI server, the page shows
 * each prompt and plays its audio. The call is a test call (see {@link TestCalls}): logged, its answers kept as test
 * and never counted, nobody real dialled or alerted; the page says what a real call would have done instead. The
 * caller number is always withheld, so nobody can pose as an applicant from here (a withheld caller still meets the
 * knowledge check, so every path of the hotline can be tried).
 */
@Controller
class TestCallController {

    /** What the page polls for: the line's state and what was heard since {@code from}. */
    record Progress(String state, boolean ended, List<Heard> prompts) {
    }

    record Heard(int seq, String kind, String text, String file, String audioUrl) {
    }

    private final TestCalls calls;
    private final AuditLog auditLog;
    private final MessageSource messages;

    TestCallController(TestCalls calls, AuditLog auditLog, MessageSource messages) {
        this.calls = calls;
        this.auditLog = auditLog;
        this.messages = messages;
    }

    @GetMapping("/test-call")
    String start(Model model) {
        return "testcall/start";
    }

    /** Any {@code caller} parameter is ignored: a test call is always withheld (see the class comment). */
    @PostMapping("/test-call")
    String dial(@RequestParam(defaultValue = "") String office, @AuthenticationPrincipal WebUser me,
                RedirectAttributes redirect) {
        String dialCode = office.strip();
        if (!dialCode.isEmpty() && !dialCode.matches("[0-9]{1,6}")) {
            redirect.addFlashAttribute("error", "testcall.error.input");
            return "redirect:/test-call";
        }
        SoftphoneOptions options = SoftphoneOptions.caller(null);
        if (!dialCode.isEmpty()) {
            options = options.withOffice(dialCode);
        }
        var entry = calls.dial(me.getUsername(), options);
        if (entry.isEmpty()) {
            redirect.addFlashAttribute("error", "testcall.error.unavailable");
            return "redirect:/test-call";
        }
        auditLog.recordText("TEST_CALL", "CALL", entry.get().call().uniqueId(), dialCode.isEmpty()
                ? StoredText.of("audit.text.testCall") : StoredText.of("audit.text.testCall.office", dialCode));
        return "redirect:/test-call/" + entry.get().id();
    }

    @GetMapping("/test-call/{id}")
    String call(@PathVariable String id, @AuthenticationPrincipal WebUser me, Model model) {
        model.addAttribute("id", owned(id, me).id());
        return "testcall/call";
    }

    @GetMapping("/test-call/{id}/progress")
    @ResponseBody
    Progress progress(@PathVariable String id, @RequestParam(defaultValue = "0") int from,
                      @AuthenticationPrincipal WebUser me, Locale locale) {
        return progress(owned(id, me), from, locale);
    }

    @PostMapping("/test-call/{id}/keys")
    @ResponseBody
    Progress press(@PathVariable String id, @RequestParam String keys, @RequestParam(defaultValue = "0") int from,
                   @AuthenticationPrincipal WebUser me, Locale locale) {
        TestCalls.Entry entry = owned(id, me);
        try {
            entry.call().press(keys);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        return progress(entry, from, locale);
    }

    @PostMapping("/test-call/{id}/hangup")
    @ResponseBody
    Progress hangUp(@PathVariable String id, @AuthenticationPrincipal WebUser me, Locale locale) {
        TestCalls.Entry entry = owned(id, me);
        entry.call().hangUp();
        return progress(entry, Integer.MAX_VALUE, locale);
    }

    @GetMapping("/test-call/{id}/audio/{seq}")
    ResponseEntity<Resource> audio(@PathVariable String id, @PathVariable int seq, @AuthenticationPrincipal WebUser me) {
        List<PlayedPrompt> prompts = owned(id, me).call().prompts();
        if (seq < 0 || seq >= prompts.size()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Resource resource = resource(prompts.get(seq));
        if (resource == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("audio/wav")).body(resource);
    }

    private static Resource resource(PlayedPrompt prompt) {
        if (prompt.audioResource() != null) {
            ClassPathResource resource = new ClassPathResource(prompt.audioResource());
            return resource.exists() ? resource : null;
        }
        if (prompt.audioFile() != null) {
            Path file = Path.of(prompt.audioFile());
            return Files.isRegularFile(file) ? new FileSystemResource(file) : null;
        }
        return null;
    }

    private Progress progress(TestCalls.Entry entry, int from, Locale locale) {
        SoftphoneCall call = entry.call();
        SoftphoneCall.State state = call.state();
        List<Heard> heard = call.promptsSince(Math.max(0, from)).stream().map(p -> new Heard(p.seq(), p.kind().name(),
                text(p, locale), p.file(),
                resource(p) == null ? null : "/test-call/" + entry.id() + "/audio/" + p.seq())).toList();
        return new Progress(state.name(), state == SoftphoneCall.State.ENDED, heard);
    }

    private String text(PlayedPrompt p, Locale locale) {
        if (p.kind() == PlayedPrompt.Kind.NOTE) {
            // What a real call would have done, worded by the bundle: the hotline sends a kind and its facts only.
            Object[] facts = p.textVi().isEmpty() ? new Object[0] : p.textVi().split("\\|", -1);
            return messages.getMessage("testcall.would." + p.catalogName(), facts,
                    messages.getMessage("testcall.would.other", null, locale), locale);
        }
        return "en".equals(locale.getLanguage()) && p.textEn() != null && !p.textEn().isBlank() ? p.textEn()
                : p.textVi();
    }

    private TestCalls.Entry owned(String id, WebUser me) {
        return calls.find(id, me.getUsername()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }
}
