package ma.masar.access;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

/**
 * Who may call what, for every endpoint and page of both services. One table, so that what an auditor reads in
 * the README is what the code does: the access-matrix test calls every endpoint as every role against it.
 * <ul>
 *   <li>people log in with a password from {@code masar.security.users} (BCrypt; the embedded mode), or bring an
 *       OpenID Connect token (production: Keycloak, realm roles in {@code realm_access.roles}, centres in the
 *       {@code centres} claim);</li>
 *   <li>API clients that send credentials with every request (HTTP Basic, Bearer) need no CSRF token; the UI's
 *       session-cookie requests do;</li>
 *   <li>an API caller without the right is answered with problem JSON (401, 403), never a login page.</li>
 * </ul>
 * The centre scope of a social worker is finer than a URL: the command side checks it against the case
 * (command metadata {@link Actor#META_CENTRES}), the query side against the case's enrolments.
 */
@AutoConfiguration(before = {SecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class MasarSecurityConfiguration {

    private static final String SOCIAL_WORKER = Role.SOCIAL_WORKER.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String MANAGER = Role.MANAGER.name();
    private static final String ADMINISTRATOR = Role.ADMINISTRATOR.name();

    @Bean
    SecurityFilterChain masarSecurity(HttpSecurity http, SecurityProperties properties,
                                      ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        // what programs call (the API, operations): answered in problem JSON, never redirected to a login page
        RequestMatcher api = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                || request.getRequestURI().startsWith(request.getContextPath() + "/actuator");
        http.authorizeHttpRequests(access -> access
                // probes, metrics scraping and the API's description carry no personal data
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                        "/actuator/prometheus").permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                .requestMatchers("/login", "/error", "/webjars/**", "/ui/**", "/favicon.ico").permitAll()
                // cases: social workers (held to their centres further in), auditors read; erasure is an administrator's
                .requestMatchers(POST, "/api/beneficiaries/*/erasure").hasRole(ADMINISTRATOR)
                .requestMatchers(POST, "/api/beneficiaries", "/api/beneficiaries/**").hasRole(SOCIAL_WORKER)
                .requestMatchers(GET, "/api/beneficiaries", "/api/beneficiaries/**").hasAnyRole(SOCIAL_WORKER, AUDITOR)
                // centres and partnerships: administrators change them; their directory and the counts are for all
                .requestMatchers(POST, "/api/centres", "/api/centres/**", "/api/partnerships",
                        "/api/partnerships/**").hasRole(ADMINISTRATOR)
                .requestMatchers(GET, "/api/centres", "/api/centres/**", "/api/stats/**", "/api/demo/**")
                .hasAnyRole(SOCIAL_WORKER, AUDITOR, MANAGER, ADMINISTRATOR)
                // the history: auditors; dead letters are operations (administrators act, auditors look)
                .requestMatchers(POST, "/api/audit/dead-letters/**").hasRole(ADMINISTRATOR)
                .requestMatchers(GET, "/api/audit/dead-letters", "/api/audit/dead-letters/**")
                .hasAnyRole(AUDITOR, ADMINISTRATOR)
                .requestMatchers("/api/audit", "/api/audit/**").hasRole(AUDITOR)
                .requestMatchers("/actuator", "/actuator/**").hasRole(ADMINISTRATOR)
                // the UI's pages, one area per role
                .requestMatchers("/worker", "/worker/**").hasRole(SOCIAL_WORKER)
                .requestMatchers("/manager", "/manager/**").hasRole(MANAGER)
                .requestMatchers("/auditor", "/auditor/**").hasRole(AUDITOR)
                .requestMatchers("/", "/demo-progress").authenticated()
                .anyRequest().denyAll());

        // CSRF guards what a browser's cookie authenticates: an API call that brings its own credentials, or no
        // session at all (then it is answered 401), has nothing a forged page could borrow
        http.csrf(csrf -> csrf.ignoringRequestMatchers(request -> request.getHeader("Authorization") != null
                || (api.matches(request) && request.getRequestedSessionId() == null)));
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        http.exceptionHandling(errors -> errors
                .defaultAuthenticationEntryPointFor((request, response, e) ->
                        problem(request, response, 401, "Unauthenticated"), api)
                .defaultAccessDeniedHandlerFor((request, response, e) ->
                        problem(request, response, 403, "Forbidden"), api));

        if (!properties.users().isEmpty()) {
            http.httpBasic(basic -> basic.realmName("Masar"));
            if (properties.loginPage() != null && !properties.loginPage().isBlank()) {
                http.formLogin(form -> form.loginPage(properties.loginPage()).defaultSuccessUrl("/", false));
                http.logout(logout -> logout.logoutSuccessUrl(properties.loginPage() + "?logout"));
            }
        } else {
            http.httpBasic(AbstractHttpConfigurer::disable);
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
        Object roles = jwt.getClaim("roles"); // the realm's own mapper puts them here too
        if (roles == null) {
            Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
            roles = realmAccess == null ? null : realmAccess.get("roles");
        }
        List<SimpleGrantedAuthority> authorities = roles instanceof Collection<?> names
                ? names.stream().map(name -> "ROLE_" + name.toString().toUpperCase(Locale.ROOT))
                       .map(SimpleGrantedAuthority::new).toList()
                : List.of();
        String name = jwt.getClaimAsString("preferred_username");
        return new JwtAuthenticationToken(jwt, authorities, name != null ? name : jwt.getSubject());
    }

    /** RFC 7807 problem JSON in the caller's language; it names no person and no resource. */
    private static void problem(HttpServletRequest request, HttpServletResponse response, int status, String type)
            throws IOException {
        String language = request.getHeader("Accept-Language");
        boolean arabic = language != null && language.trim().toLowerCase(Locale.ROOT).startsWith("ar");
        String title;
        if (status == 401) {
            title = arabic ? "يلزم تسجيل الدخول" : "Authentification requise";
            response.setHeader("WWW-Authenticate", "Basic realm=\"Masar\"");
        } else {
            title = arabic ? "ليس لديك الحق في هذا الإجراء" : "Vous n'avez pas le droit de faire ceci";
        }
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"https://masar.example/problems/" + type + "\",\"title\":\""
                + title + "\",\"status\":" + status + ",\"detail\":\"" + title + "\"}");
    }
}
