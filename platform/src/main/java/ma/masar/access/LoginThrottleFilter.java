package ma.masar.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Stops a login attempt of a paused account or address ({@link LoginThrottle}) before its password is checked: a
 * script (HTTP Basic) gets 429 problem JSON with {@code Retry-After}, a person at the login form is sent back to it
 * with {@code ?paused}.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    private final LoginThrottle throttle;
    private final ProblemWriter problems;
    private final String loginPage;

    LoginThrottleFilter(LoginThrottle throttle, ProblemWriter problems, String loginPage) {
        this.throttle = throttle;
        this.problems = problems;
        this.loginPage = loginPage == null || loginPage.isBlank() ? null : loginPage;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean form = loginPage != null && "POST".equals(request.getMethod())
                && loginPage.equals(request.getRequestURI().substring(request.getContextPath().length()));
        String username = form ? request.getParameter("username") : basicUser(request.getHeader("Authorization"));
        if (username != null) {
            Optional<Duration> pause = throttle.pause(username, request.getRemoteAddr());
            if (pause.isPresent()) {
                if (form) {
                    response.sendRedirect(request.getContextPath() + loginPage + "?paused");
                } else {
                    response.setHeader("Retry-After", Long.toString(Math.max(1, pause.get().toSeconds())));
                    problems.write(request, response, 429, "TooManyLoginAttempts",
                            LoginThrottle.retryAfter(pause.get()));
                }
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static String basicUser(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null; // not Base64: the Basic filter refuses it as it is
        }
    }
}
