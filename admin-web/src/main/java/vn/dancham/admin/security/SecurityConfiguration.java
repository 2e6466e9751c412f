package vn.dancham.admin.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authentication.AccountStatusUserDetailsChecker;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import vn.dancham.admin.api.ApiKeyAuthenticationFilter;
import vn.dancham.admin.api.ApiKeys;

import java.io.IOException;
import java.time.Duration;

import static vn.dancham.admin.security.Role.ADMIN;
import static vn.dancham.admin.security.Role.COMPLAINT_HANDLER;
import static vn.dancham.admin.security.Role.HR;
import static vn.dancham.admin.security.Role.LEADER;
import static vn.dancham.admin.security.Role.OFFICE_HEAD;
import static vn.dancham.admin.security.Role.OFFICER;

/**
 * Who may reach what over HTTP. Three chains: the REST API for the one-stop system (API keys, no session, no
 * CSRF), Twilio's webhooks (their own signature check, no CSRF) and the web pages (form login, CSRF, roles).
 * Page access is decided here by URL so one table says it all; an office head's limit to their own office is
 * enforced in the pages that show office data. {@code AuthorisationIT} walks every mapping against this table.
 */
@Configuration
class SecurityConfiguration {

    static final String[] PUBLIC = {"/actuator/health", "/actuator/health/**", "/login", "/error",
            "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/favicon-*.ico", "/v3/api-docs", "/v3/api-docs/**"};

    /** The public pages for citizens: dossier look-up and web rating, and feedback. */
    static final String[] CITIZEN = {"/tra-cuu", "/tra-cuu/**", "/gop-y", "/gop-y/**"};

    @Bean
    PasswordEncoder passwordEncoder() {
        // {bcrypt} by default; reads any {id}-prefixed hash, so stronger encoders can be introduced later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, ApiKeys apiKeys) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(r -> r.anyRequest().hasAuthority(ApiKeyAuthenticationFilter.API_CLIENT_AUTHORITY))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> problem(res, HttpStatus.UNAUTHORIZED,
                                "API key missing or not valid",
                                "Send the key issued by an administrator as 'Authorization: Bearer <key>'."))
                        .accessDeniedHandler((req, res, ex) -> problem(res, HttpStatus.FORBIDDEN,
                                "Not allowed", "This API is for the one-stop dossier system's API keys.")));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain twilioWebhookChain(HttpSecurity http) throws Exception {
        // Twilio cannot log in or send a CSRF token; each webhook validates X-Twilio-Signature itself
        // (vn.dancham.admin.twilio) and refuses anything unsigned with 403.
        http.securityMatcher("/twilio/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(r -> r.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain webChain(HttpSecurity http, AppUsers users, LoginThrottle throttle,
                                 DatabaseUserDetailsService userDetails, PasswordEncoder passwordEncoder) throws Exception {
        http.authenticationManager(new ProviderManager(passwordFirst(userDetails, passwordEncoder)))
                .addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(r -> r
                        .requestMatchers(PUBLIC).permitAll()
                        // Citizens without an account (vn.dancham.admin.citizen): their own limits, CSRF as any form.
                        .requestMatchers(CITIZEN).permitAll()
                        .requestMatchers("/admin/**", "/imports/**", "/actuator/**", "/swagger-ui.html", "/swagger-ui/**")
                                .hasRole(ADMIN.name())
                        .requestMatchers("/ratings/**").hasAnyRole(HR.name(), ADMIN.name())
                        .requestMatchers("/roster/**").hasAnyRole(LEADER.name(), ADMIN.name())
                        .requestMatchers("/incidents/sms-backlog").hasAnyRole(LEADER.name(), ADMIN.name())
                        .requestMatchers("/incidents/**", "/i/**").hasAnyRole(LEADER.name(), ADMIN.name(), OFFICE_HEAD.name())
                        // Citizens' photos and papers (vn.dancham.admin.feedback): only those who handle complaints.
                        .requestMatchers("/complaints/*/attachments/**").hasAnyRole(COMPLAINT_HANDLER.name(), ADMIN.name())
                        .requestMatchers("/complaints/*/review").hasAnyRole(COMPLAINT_HANDLER.name(), ADMIN.name())
                        .requestMatchers("/complaints/**").hasAnyRole(COMPLAINT_HANDLER.name(), LEADER.name(), ADMIN.name())
                        .requestMatchers("/dashboard/**", "/scores/**", "/offices/**", "/officers/**", "/units/**",
                                "/exports/**", "/reports/**").hasAnyRole(HR.name(), LEADER.name(), ADMIN.name(), OFFICE_HEAD.name())
                        .requestMatchers("/test-call/**").hasAnyRole(ADMIN.name(), HR.name(), LEADER.name(),
                                COMPLAINT_HANDLER.name())
                        .requestMatchers("/toi", "/toi/**").hasRole(OFFICER.name())
                        // Dossier timelines name every officer who held a stage: not for an officer's own login.
                        .requestMatchers("/dossiers/**").hasAnyRole(ADMIN.name(), HR.name(), LEADER.name(),
                                COMPLAINT_HANDLER.name(), OFFICE_HEAD.name())
                        .requestMatchers("/", "/account/**").authenticated()
                        .anyRequest().denyAll())
                .formLogin(form -> form
                        .loginPage("/login").permitAll()
                        .failureHandler(new LoginFailure(throttle))
                        .successHandler(new LoginSuccess(users, throttle)))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                                + "img-src 'self' data:; media-src 'self' blob:; object-src 'none'; "
                                + "frame-ancestors 'none'; base-uri 'self'; form-action 'self'")))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()));
        return http.build();
    }

    /**
     * Checks the password before the account's state, so a disabled account costs the same bcrypt work and gets
     * the same answer as a wrong password or an unknown user (which Spring already hashes a dummy password for).
     */
    static DaoAuthenticationProvider passwordFirst(DatabaseUserDetailsService userDetails, PasswordEncoder encoder) {
        var provider = new DaoAuthenticationProvider(userDetails);
        provider.setPasswordEncoder(encoder);
        provider.setPreAuthenticationChecks(user -> { });
        provider.setPostAuthenticationChecks(new AccountStatusUserDetailsChecker());
        return provider;
    }

    private static void problem(HttpServletResponse response, HttpStatus status, String title, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + detail + "\"}");
    }

    /**
     * Any failed login (unknown user, wrong password, disabled account) gets the one answer and is counted against
     * the client and the typed username alike.
     */
    static final class LoginFailure extends SimpleUrlAuthenticationFailureHandler {
        private final LoginThrottle throttle;

        LoginFailure(LoginThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                            AuthenticationException exception) throws IOException {
            throttle.failed(request.getRemoteAddr(), request.getParameter("username"));
            getRedirectStrategy().sendRedirect(request, response, "/login?error");
        }
    }

    /** Clears the counts, remembers this browser for this user (device cookie) and the time of this login. */
    static final class LoginSuccess extends SavedRequestAwareAuthenticationSuccessHandler {
        private final AppUsers users;
        private final LoginThrottle throttle;

        LoginSuccess(AppUsers users, LoginThrottle throttle) {
            this.users = users;
            this.throttle = throttle;
            setDefaultTargetUrl("/");
        }

        @Override
        public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                            Authentication authentication) throws jakarta.servlet.ServletException, IOException {
            users.loginSucceeded(authentication.getName());
            String token = throttle.succeeded(request.getRemoteAddr(), authentication.getName(),
                    LoginThrottleFilter.deviceToken(request));
            response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(LoginThrottleFilter.DEVICE_COOKIE, token)
                    .httpOnly(true).secure(request.isSecure()).sameSite("Strict").path("/login")
                    .maxAge(Duration.ofDays(365)).build().toString());
            super.onAuthenticationSuccess(request, response, authentication);
        }
    }
}
