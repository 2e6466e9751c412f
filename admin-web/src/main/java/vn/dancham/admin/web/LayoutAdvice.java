package vn.dancham.admin.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import vn.dancham.admin.security.WebUser;

/**
 * What every page's layout needs: the signed-in user (for the menu), the current path (to mark it) and the
 * language switch's links.
 */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutAdvice {

    @ModelAttribute("me")
    WebUser me() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof WebUser user ? user : null;
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** The header's VI and EN links, see {@link LanguageLinks}. */
    @ModelAttribute("languageLinks")
    LanguageLinks languageLinks(HttpServletRequest request) {
        // On an error page the request is Tomcat's dispatch to /error: switch the language of the page asked for.
        Object original = request.getAttribute(jakarta.servlet.RequestDispatcher.ERROR_REQUEST_URI);
        String path = original instanceof String uri ? uri : request.getRequestURI();
        String query = original instanceof String
                ? (String) request.getAttribute("jakarta.servlet.error.query_string")
                : request.getQueryString();
        return LanguageLinks.of(request.getMethod(), path, query,
                request.getHeader("Referer"), request.getScheme() + "://" + request.getServerName() + ":"
                        + request.getServerPort());
    }
}
