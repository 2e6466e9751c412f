package vn.dancham.admin.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Authenticates the one-stop dossier system by its API key ({@code Authorization: Bearer <key>} or
 * {@code X-API-Key: <key>}). Without a valid key the request stays anonymous and is refused downstream.
 */
public final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String API_CLIENT_AUTHORITY = "ROLE_API_CLIENT";

    private final ApiKeys apiKeys;

    public ApiKeyAuthenticationFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader("X-API-Key");
        String authorization = request.getHeader("Authorization");
        if (presented == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            presented = authorization.substring(7);
        }
        if (presented != null) {
            apiKeys.authenticate(presented).ifPresent(key -> {
                var auth = new ApiClientAuthentication(key);
                SecurityContextHolder.getContext().setAuthentication(auth);
            });
        }
        chain.doFilter(request, response);
    }

    /** The authenticated API client: the key's name is what the audit log shows. */
    static final class ApiClientAuthentication extends AbstractAuthenticationToken {
        private final ApiKeys.KeyInfo key;

        ApiClientAuthentication(ApiKeys.KeyInfo key) {
            super(AuthorityUtils.createAuthorityList(API_CLIENT_AUTHORITY));
            this.key = key;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return "api:" + key.name();
        }

        @Override
        public String getName() {
            return "api:" + key.name();
        }
    }
}
