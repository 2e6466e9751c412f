package vn.dancham.admin.twilio;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * First in line for {@code /twilio/**}: a request Twilio would never send is refused here with a 4xx and one WARN
 * line, before any other filter or the signature check parses it — an oversize body (413), a form or query that
 * cannot be decoded (a bad %-escape, too many parameters: 400), NUL or other control characters in a parameter
 * (400; PostgreSQL cannot even store a NUL). Without it each of these became a 500 with a stack trace in the log.
 */
final class TwilioRequestGuard extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(TwilioRequestGuard.class);

    /**
     * Twilio's inbound SMS webhook holds the body (at most 1600 characters, UTF-8) and some thirty short parameters;
     * a status callback less. 64 KiB leaves room for all of it percent-encoded.
     */
    static final int MAX_BODY_BYTES = 64 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String problem = problem(request);
        if (problem != null) {
            int status = problem.startsWith("body larger") ? 413 : 400;
            log.warn("Refused a Twilio webhook request ({}): {} {} from {}", status, problem,
                    request.getRequestURI(), request.getRemoteAddr());
            response.setStatus(status);
            response.setContentLength(0);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Why the request cannot be from Twilio, or null. */
    static String problem(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length > MAX_BODY_BYTES) {
            return "body larger than " + MAX_BODY_BYTES + " bytes (" + length + ")";
        }
        if (request.getQueryString() != null) {
            for (String part : request.getQueryString().split("&")) {
                try {
                    URLDecoder.decode(part, StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return "undecodable query string";
                }
            }
        }
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (RuntimeException e) {
            // Tomcat refuses a form it cannot parse (bad %-escape, too many parameters, too large) with an exception.
            return "undecodable form (" + e.getClass().getSimpleName() + ")";
        }
        for (var p : parameters.entrySet()) {
            if (hasControl(p.getKey())) {
                return "control character in a parameter name";
            }
            for (String v : p.getValue()) {
                if (v != null && hasControl(v)) {
                    return "control character in parameter " + p.getKey();
                }
            }
        }
        return null;
    }

    /** NUL and the other C0 controls and DEL; tab, line feed and carriage return are text (an SMS may hold them). */
    static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                return true;
            }
        }
        return false;
    }
}
