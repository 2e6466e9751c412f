package vn.dancham.admin.feedback;

import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancham.admin.audit.AuditLog;
import vn.dancham.admin.security.WebUser;
import vn.dancham.feedback.WebFeedbacks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The handlers' side of web feedback, beside the complaints inbox: downloading an attached file (only for complaint
 * handlers and administrators, see SecurityConfiguration; every download audited) and marking a feedback reviewed,
 * which also releases one held for listed words.
 */
@Controller
class FeedbackInboxController {

    private final WebFeedbacks feedbacks;
    private final Attachments attachments;
    private final AuditLog auditLog;

    FeedbackInboxController(WebFeedbacks feedbacks, Attachments attachments, AuditLog auditLog) {
        this.feedbacks = feedbacks;
        this.attachments = attachments;
        this.auditLog = auditLog;
    }

    @GetMapping("/complaints/{id}/attachments/{attachmentId}")
    ResponseEntity<Resource> download(@PathVariable long id, @PathVariable long attachmentId) {
        WebFeedbacks.Attachment a = feedbacks.attachment(id, attachmentId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        FileKind kind = FileKind.ofMediaType(a.mediaType()).orElseThrow(
                () -> new IllegalStateException("The database allows only the four kinds: " + a.mediaType()));
        Path file = attachments.resolve(a.storedName()).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        auditLog.record("ATTACHMENT_DOWNLOADED", "COMPLAINT", id, a.originalName());
        // A download with the type read from the content, never sniffed, never run as a page: even a file made to
        // look like a photo and like HTML at once is saved, not shown inside this site.
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(kind.mediaType()))
                .contentLength(a.sizeBytes())
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(Attachments.downloadName(a.originalName(), kind), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .body(new FileSystemResource(file));
    }

    @PostMapping("/complaints/{id}/review")
    String review(@PathVariable long id, @AuthenticationPrincipal WebUser me, RedirectAttributes redirect) {
        if (feedbacks.find(id).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        if (feedbacks.review(id, me.id(), Instant.now())) {
            auditLog.record("FEEDBACK_REVIEWED", "COMPLAINT", id, null);
            redirect.addFlashAttribute("done", "FEEDBACK_REVIEWED");
        }
        return "redirect:/complaints/" + id;
    }
}
