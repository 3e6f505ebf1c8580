package ma.masar.access;

import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may call what, for every endpoint of both services. One table, so that what an auditor reads in the README
 * is what the code does: the access-matrix test calls every endpoint as every role against it. Where an application
 * serves pages, their rules are its own ({@link PageAccess}), added before the last rule, which refuses the rest.
 * <ul>
 *   <li>people log in with a password from {@code masar.security.users} (BCrypt; the embedded mode), or bring an
 *       OpenID Connect token (production: Keycloak, realm roles in {@code realm_access.roles});</li>
 *   <li>API clients that send credentials with every request (HTTP Basic, Bearer) need no CSRF token; the UI's
 *       session-cookie requests do;</li>
 *   <li>an API caller without the right is answered with problem JSON (401, 403), never a login page.</li>
 * </ul>
 * The centre scope of a social worker is finer than a URL: her centres are her assignments (events, not a token
 * claim), which the command side checks against the case in the command's unit of work ({@link Actor#META_SCOPED}),
 * the query side against the case's enrolments.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
@Import(LoginThrottleController.class)
public class MasarSecurityConfiguration {

    private static final String SOCIAL_WORKER = Role.SOCIAL_WORKER.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String MANAGER = Role.MANAGER.name();
    private static final String ADMINISTRATOR = Role.ADMINISTRATOR.name();

    @Bean
    ProblemWriter masarProblemWriter(MessageSource messages) {
        return new ProblemWriter(messages);
    }

    @Bean
    LoginThrottle loginThrottle() {
        return new LoginThrottle(Clock.systemUTC());
    }

    @Bean
    SecurityFilterChain masarSecurity(HttpSecurity http, SecurityProperties properties,
                                      ObjectProvider<JwtDecoder> jwtDecoder, ProblemWriter problems,
                                      LoginThrottle throttle,
                                      ObjectProvider<AuthenticationSuccessHandler> landing,
                                      ObjectProvider<PageLogin> pageLogin,
                                      ObjectProvider<PageAccess> pages) throws Exception {
        // what programs call (the API, operations): answered in problem JSON, never redirected to a login page
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || request.getRequestURI().startsWith(request.getContextPath() + "/actuator")
                || request.getRequestURI().startsWith(request.getContextPath() + "/v3/api-docs");
        http.authorizeHttpRequests(access -> {
            access
                    // the error page is rendered for errors only (a direct request for it is refused by RequestShape)
                    .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                    // a stream's async dispatches continue a request that was authorised when it started; checked
                    // again after a logout they were denied on a committed response, a stack trace in the log
                    .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                    // probes and metrics scraping carry no personal data (health details are an administrator's)
                    .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                            "/actuator/prometheus").permitAll()
                    // the API's description is for people who use it: any logged-in person
                    .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                    .authenticated()
                    // cases: social workers (held to their centres further in), auditors read; erasure: administrators
                    .requestMatchers(POST, "/api/beneficiaries/*/erasure").hasRole(ADMINISTRATOR)
                    // bulk import of an existing register: an administrator's
                    .requestMatchers("/api/imports", "/api/imports/**").hasRole(ADMINISTRATOR)
                    .requestMatchers(POST, "/api/beneficiaries", "/api/beneficiaries/**").hasRole(SOCIAL_WORKER)
                    .requestMatchers(GET, "/api/beneficiaries", "/api/beneficiaries/**")
                    .hasAnyRole(SOCIAL_WORKER, AUDITOR)
                    // centres and partnerships: administrators change them; their directory and the counts are for all
                    .requestMatchers(POST, "/api/centres", "/api/centres/**", "/api/partnerships",
                            "/api/partnerships/**").hasRole(ADMINISTRATOR)
                    .requestMatchers(GET, "/api/centres", "/api/centres/**", "/api/partnerships", "/api/stats/**",
                            "/api/demo/**")
                    .hasAnyRole(SOCIAL_WORKER, AUDITOR, MANAGER, ADMINISTRATOR)
                    // who works where: administrators assign and end; auditors and administrators read the history
                    .requestMatchers(POST, "/api/staff/**").hasRole(ADMINISTRATOR)
                    .requestMatchers(GET, "/api/staff", "/api/staff/**").hasAnyRole(AUDITOR, ADMINISTRATOR)
                    // the history: auditors; dead letters are operations (administrators act, auditors look)
                    // failed logins: an administrator sees who is paused and lifts a pause
                    .requestMatchers("/api/security/**").hasRole(ADMINISTRATOR)
                    .requestMatchers(POST, "/api/audit/dead-letters/**").hasRole(ADMINISTRATOR)
                    .requestMatchers(GET, "/api/audit/dead-letters", "/api/audit/dead-letters/**")
                    .hasAnyRole(AUDITOR, ADMINISTRATOR)
                    .requestMatchers("/api/audit", "/api/audit/**").hasRole(AUDITOR)
                    .requestMatchers("/actuator", "/actuator/**").hasRole(ADMINISTRATOR);
            // the pages, where this application serves them: the UI's own rules
            pages.orderedStream().forEach(page -> page.authorize(access));
            access.anyRequest().denyAll();
        });

        // CSRF guards what a browser's cookie authenticates: an API call that brings its own credentials, or no
        // session at all (then it is answered 401), has nothing a forged page could borrow
        http.csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null
                || (api.matches(request) && request.getRequestedSessionId() == null)));
        PageLogin login = pageLogin.getIfAvailable();
        String formTargets = login == null || login.formTargets().isBlank() ? "" : " " + login.formTargets();
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                        + "object-src 'none'; base-uri 'self'; form-action 'self'" + formTargets
                        + "; frame-ancestors 'none'"))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        boolean passwords = !properties.users().isEmpty();
        // a password login is Basic; otherwise a Bearer token is the only credential taken
        String challenge = passwords ? "Basic realm=\"Masar\"" : "Bearer realm=\"Masar\"";
        http.exceptionHandling(errors -> errors
                .defaultAuthenticationEntryPointFor((request, response, e) -> {
                    response.setHeader("WWW-Authenticate", challenge);
                    problems.write(request, response, 401, "Unauthenticated", Map.of());
                }, api)
                .defaultAccessDeniedHandlerFor((request, response, e) ->
                        problems.write(request, response, 403, "Forbidden", Map.of()), api));
        // a request is remembered for after the login only where a login page follows: a page, never the API, so
        // that anonymous API calls leave no session behind
        HttpSessionRequestCache pagesOnly = new HttpSessionRequestCache();
        pagesOnly.setRequestMatcher(request -> "GET".equals(request.getMethod()) && !api.matches(request));
        http.requestCache(cache -> cache.requestCache(pagesOnly));
        http.addFilterBefore(new RequestShape(problems), UsernamePasswordAuthenticationFilter.class);

        if (passwords) {
            http.httpBasic(basic -> basic.realmName("Masar"));
            // before the form login and HTTP Basic look at the password
            http.addFilterBefore(new LoginThrottleFilter(throttle, problems, properties.loginPage()),
                    UsernamePasswordAuthenticationFilter.class);
            if (properties.loginPage() != null && !properties.loginPage().isBlank()) {
                // relative redirects: the Host header of a request never ends up in a Location
                LoginUrlAuthenticationEntryPoint loginPage = new LoginUrlAuthenticationEntryPoint(properties.loginPage());
                loginPage.setFavorRelativeUris(true);
                http.exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(loginPage,
                        request -> !api.matches(request)));
                http.formLogin(form -> {
                    form.loginPage(properties.loginPage()).defaultSuccessUrl("/", false);
                    landing.ifAvailable(form::successHandler); // the pages decide where a login leads
                });
                http.logout(logout -> logout.logoutSuccessUrl(properties.loginPage() + "?logout"));
            }
        } else {
            http.httpBasic(AbstractHttpConfigurer::disable);
            // the pages' own login (OpenID Connect) where this application serves pages; the API still answers 401
            if (login != null) {
                login.configure(http);
            }
        }
        if (jwtDecoder.getIfAvailable() != null) {
            http.oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(
                    MasarSecurityConfiguration::fromKeycloakToken)));
        }
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The configured people; refuses to start on a password that is not a hash. */
    @Bean
    UserDetailsService masarUsers(SecurityProperties properties) {
        Map<String, SecurityProperties.User> users = properties.users().stream()
                .collect(Collectors.toMap(user -> user.username().toLowerCase(Locale.ROOT), Function.identity()));
        for (SecurityProperties.User user : users.values()) {
            if (user.password() == null || !user.password().startsWith("{bcrypt}")) {
                throw new IllegalStateException("masar.security.users: the password of " + user.username()
                        + " must be a BCrypt hash written {bcrypt}$2a$...");
            }
        }
        return username -> {
            SecurityProperties.User user = users.get(username.toLowerCase(Locale.ROOT));
            if (user == null) {
                throw new UsernameNotFoundException("unknown user");
            }
            UserDetails details = new MasarUser(user);
            return details;
        };
    }

    /** Keycloak puts realm roles under {@code realm_access.roles}; the person's name in {@code preferred_username}. */
    static AbstractAuthenticationToken fromKeycloakToken(Jwt jwt) {
        String name = jwt.getClaimAsString("preferred_username");
        return new JwtAuthenticationToken(jwt, KeycloakRoles.authorities(jwt), name != null ? name : jwt.getSubject());
    }
}
