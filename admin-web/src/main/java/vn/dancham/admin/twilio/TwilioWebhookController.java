package vn.dancham.admin.twilio;

import jakarta.servlet.http.HttpServletRequest;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.messaging.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.dancham.escalation.SmsWebhooks;

import java.util.Map;

/**
 * Twilio's webhooks: delivery status callbacks and leaders' SMS replies. Login and CSRF do not apply here (the
 * /twilio/** security chain); instead every request must carry a valid X-Twilio-Signature, or it gets 403 and
 * changes nothing.
 */
@RestController
class TwilioWebhookController {

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);
    private static final MediaType TWIML = MediaType.APPLICATION_XML;

    private final TwilioSignatures signatures;
    private final SmsWebhooks webhooks;

    TwilioWebhookController(TwilioSignatures signatures, SmsWebhooks webhooks) {
        this.signatures = signatures;
        this.webhooks = webhooks;
    }

    @PostMapping(path = "/twilio/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> status(HttpServletRequest request) {
        Map<String, String> form = TwilioSignatures.formParameters(request);
        if (!signatures.valid(request, form)) {
            return forbidden(request);
        }
        Long ourId = null;
        String m = request.getParameter("m");
        if (m != null && m.matches("[0-9]{1,18}")) {
            ourId = Long.valueOf(m);
        }
        webhooks.status(new SmsWebhooks.Status(form.get("MessageSid"),
                form.getOrDefault("MessageStatus", form.get("SmsStatus")), form.get("ErrorCode"), ourId));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/twilio/sms", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> inbound(HttpServletRequest request) {
        Map<String, String> form = TwilioSignatures.formParameters(request);
        if (!signatures.valid(request, form)) {
            return forbidden(request);
        }
        String sid = form.getOrDefault("MessageSid", form.get("SmsSid"));
        if (sid == null || form.get("From") == null) {
            return ResponseEntity.badRequest().contentType(TWIML).body(twiml(null));
        }
        // Empty TwiML when nothing is to be sent back (a stranger, or replies switched off).
        String reply = webhooks.inbound(new SmsWebhooks.Inbound(sid, form.get("From"), form.get("To"),
                form.get("Body"))).orElse(null);
        return ResponseEntity.ok().contentType(TWIML).body(twiml(reply));
    }

    /** The reply as TwiML, written by the Twilio SDK's own builder (escaping included); no message: empty. */
    static String twiml(String message) {
        MessagingResponse.Builder response = new MessagingResponse.Builder();
        if (message != null) {
            response.message(new Message.Builder(message).build());
        }
        return response.build().toXml();
    }

    private static <T> ResponseEntity<T> forbidden(HttpServletRequest request) {
        log.warn("Refused a Twilio webhook without a valid signature: {} from {}", request.getRequestURI(),
                request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
}
