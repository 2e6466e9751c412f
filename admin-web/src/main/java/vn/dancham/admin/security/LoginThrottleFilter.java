package vn.dancham.admin.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Turns away a login post whose client or account must still wait, before any password is looked at. The answer
 * is the same whether the username exists or not ({@code /login?wait}); a turned-away try is not counted, so
 * waiting is all it takes and a stranger cannot push the wait of someone else's browser further.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

    static final String DEVICE_COOKIE = "DANCHAM_DEVICE";

    private final LoginThrottle throttle;

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // The request URI, not the servlet path (empty under some dispatchers): the form posts to /login.
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !"POST".equals(request.getMethod()) || !"/login".equals(path);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (throttle.mustWait(request.getRemoteAddr(), request.getParameter("username"), deviceToken(request))) {
            response.sendRedirect(request.getContextPath() + "/login?wait");
            return;
        }
        chain.doFilter(request, response);
    }

    static String deviceToken(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (Cookie cookie : request.getCookies()) {
                if (DEVICE_COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
