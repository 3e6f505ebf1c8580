package ma.masar.access;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Enumeration;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses, before anything else looks at it, a request whose shape no page or endpoint of Masar uses: a query or form
 * parameter named other than plainly ({@code type[$ne]}, {@code userId[x]}: data binders would read those as
 * property paths), an {@code Idempotency-Key} that is not printable ASCII, an {@code X-Correlation-Id} that is not a
 * short identifier (it is stored in every event's metadata), and a direct request for the error page. Each is a
 * 400 (404 for {@code /error}) problem JSON that quotes nothing of the request.
 */
public class RequestShape extends OncePerRequestFilter {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String CORRELATION_ID = "X-Correlation-Id";

    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");
    private static final Pattern IDEMPOTENCY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Pattern CORRELATION = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final ProblemWriter problems;

    RequestShape(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.REQUEST
                && "/error".equals(request.getRequestURI().substring(request.getContextPath().length()))) {
            problems.write(request, response, 404, "NotFound", Map.of());
            return;
        }
        String fault = fault(request);
        if (fault != null) {
            problems.write(request, response, 400, "MalformedRequest", Map.of("parameter", fault), fault);
            return;
        }
        chain.doFilter(request, response);
    }

    /** What is wrong with the request, named in words of ours, or null. */
    private static String fault(HttpServletRequest request) {
        Enumeration<String> names = request.getParameterNames();
        while (names.hasMoreElements()) {
            if (!PARAMETER_NAME.matcher(names.nextElement()).matches()) {
                return "parameter name";
            }
        }
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key != null && !IDEMPOTENCY.matcher(key).matches()) {
            return IDEMPOTENCY_KEY;
        }
        String correlation = request.getHeader(CORRELATION_ID);
        if (correlation != null && !CORRELATION.matcher(correlation).matches()) {
            return CORRELATION_ID;
        }
        return null;
    }
}
