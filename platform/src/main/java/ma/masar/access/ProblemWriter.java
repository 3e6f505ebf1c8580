package ma.masar.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import ma.masar.problem.ProblemAnswers;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Problem JSON written by the security filters, before any controller (401, 403, 429, a malformed request): the same
 * type domain and the same {@code i18n/problems} wording as {@link ProblemAnswers}, in the caller's language. It names
 * no person and no case.
 */
class ProblemWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MessageSource messages;

    ProblemWriter(MessageSource messages) {
        this.messages = messages;
    }

    ProblemDetail problem(Locale locale, int status, String type, Object... detailArguments) {
        return ProblemAnswers.localised(messages, locale, HttpStatusCode.valueOf(status), type, detailArguments);
    }

    void write(HttpServletRequest request, HttpServletResponse response, int status, String type,
               Map<String, Object> properties, Object... detailArguments) throws IOException {
        ProblemDetail problem = problem(request.getLocale(), status, type, detailArguments);
        properties.forEach(problem::setProperty);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(problem));
    }
}
