package vn.dancham.admin.twilio;

import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import vn.dancham.escalation.TwilioProperties;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks X-Twilio-Signature against the URL as Twilio called it: the configured public base URL (what Twilio sees
 * in front of any proxy) + the path + the query string, and the POSTed form parameters. Without an auth token
 * nothing is accepted.
 */
@Component
class TwilioSignatures {

    private static final Logger log = LoggerFactory.getLogger(TwilioSignatures.class);

    private final TwilioProperties twilio;
    private final RequestValidator validator;

    TwilioSignatures(TwilioProperties twilio) {
        this.twilio = twilio;
        boolean hasToken = twilio.authToken() != null && !twilio.authToken().isBlank();
        this.validator = hasToken ? new RequestValidator(twilio.authToken()) : null;
        if (!hasToken) {
            log.warn("DANCHAM_TWILIO_AUTH_TOKEN is not set: every Twilio webhook will be refused with 403");
        }
    }

    /** The form parameters of the request body (the query string's are not signed as parameters). */
    static Map<String, String> formParameters(HttpServletRequest request) {
        Map<String, List<String>> query = new HashMap<>();
        if (request.getQueryString() != null) {
            UriComponentsBuilder.newInstance().query(request.getQueryString()).build().getQueryParams()
                    .forEach((k, vs) -> query.put(decode(k), new ArrayList<>(vs.stream()
                            .map(v -> v == null ? "" : decode(v)).toList())));
        }
        Map<String, String> form = new HashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            List<String> rest = new ArrayList<>(List.of(values));
            for (String q : query.getOrDefault(name, List.of())) {
                rest.remove(q);
            }
            if (!rest.isEmpty()) {
                form.put(name, rest.getFirst());
            }
        });
        return form;
    }

    boolean valid(HttpServletRequest request, Map<String, String> form) {
        String signature = request.getHeader("X-Twilio-Signature");
        if (validator == null || signature == null || signature.isBlank()) {
            return false;
        }
        String url = twilio.publicBaseUrl() + request.getRequestURI()
                + (request.getQueryString() != null ? "?" + request.getQueryString() : "");
        return validator.validate(url, form, signature);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
