package ma.masar.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.NonNull;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one problem-JSON mapping (RFC 9457) of both services: every refusal has a type under {@link #TYPE_BASE} named
 * after what went wrong, a title and detail in the caller's language (Accept-Language ar or fr, from the
 * {@code i18n/problems} bundle), and, where a field or parameter is at fault, its name. Spring MVC's own refusals
 * (wrong method, media type, missing parameter or header, type mismatch, method validation) come through here too,
 * never as {@code about:blank}. Anything unexpected is a 500 that says nothing was recorded and logs the exception
 * class only (messages may quote input, and input may be personal data).
 * <p>
 * Each service extends it with the exceptions of its own (rule violations on the command side, the read store's
 * on the query side), scoped to its own controllers.
 */
public abstract class ProblemAnswers extends ResponseEntityExceptionHandler {

    public static final String TYPE_BASE = "https://masar.example/problems/";

    private static final Logger log = LoggerFactory.getLogger(ProblemAnswers.class);

    protected final MessageSource messages;

    protected ProblemAnswers(MessageSource messages) {
        this.messages = messages;
    }

    /** A problem of {@code type}, titled from {@code problem.<type>} and detailed from {@code problem.<type>.detail}. */
    public ProblemDetail problem(HttpStatusCode status, String type, Object... detailArguments) {
        return localised(messages, locale(), status, type, detailArguments);
    }

    /**
     * The same for callers outside a controller advice (the security filters), in the language given: a title from
     * {@code problem.<type>}, a detail from {@code problem.<type>.detail} or else the title.
     */
    public static ProblemDetail localised(MessageSource messages, Locale locale, HttpStatusCode status, String type,
                                          Object... detailArguments) {
        String title = messages.getMessage("problem." + type, null, type, locale);
        return of(status, type, title,
                messages.getMessage("problem." + type + ".detail", detailArguments, title, locale));
    }

    /** A problem of {@code type} with the title and detail given, already in the caller's language. */
    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** A query parameter or header at fault, named in {@code parameter} and in {@code errors}. */
    public ProblemDetail badParameter(String parameter, String message) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "BadQueryParameter",
                text("problem.BadQueryParameter", null, "Bad query parameter"), parameter + ": " + message);
        problem.setProperty("parameter", parameter);
        problem.setProperty("errors", List.of(Map.of("field", parameter, "message", message)));
        return problem;
    }

    /** A controller's own refusal of a person (a role or a centre it checked itself): 403, as the filters answer. */
    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN, "Forbidden"));
    }

    @ExceptionHandler(RuntimeException.class)
    public ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("Unexpected failure answering a request: {}", e.getClass().getName(), e);
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected"));
    }

    /** Spring MVC's own refusals: our type and language instead of {@code about:blank} in English. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(@NonNull Exception ex, @Nullable Object body,
                                                             @NonNull HttpHeaders headers,
                                                             @NonNull HttpStatusCode status,
                                                             @NonNull WebRequest request) {
        if (body == null && ex instanceof ErrorResponse error) {
            body = error.getBody();
        }
        if (body instanceof ProblemDetail detail && (detail.getType() == null
                || "about:blank".equals(detail.getType().toString()))) {
            String parameter = parameterOf(ex);
            ProblemDetail problem = parameter != null
                    ? badParameter(parameter, text("problem.BadQueryParameter.detail", null, "missing or malformed"))
                    : problem(status, typeOf(status));
            problem.setStatus(status.value());
            body = problem;
        }
        return super.handleExceptionInternal(ex, body, headers, status, request);
    }

    private static String parameterOf(Exception ex) {
        if (ex instanceof MissingServletRequestParameterException missing) {
            return missing.getParameterName();
        }
        if (ex instanceof MissingRequestHeaderException header) {
            return header.getHeaderName();
        }
        if (ex instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
            return mismatch.getPropertyName();
        }
        if (ex instanceof HandlerMethodValidationException validation
                && !validation.getParameterValidationResults().isEmpty()) {
            return validation.getParameterValidationResults().get(0).getMethodParameter().getParameterName();
        }
        return null;
    }

    private static String typeOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "NotFound";
            case 405 -> "MethodNotAllowed";
            case 406 -> "NotAcceptable";
            case 413 -> "PayloadTooLarge";
            case 415 -> "UnsupportedMediaType";
            case 503 -> "Unavailable";
            default -> status.is4xxClientError() ? "InvalidRequest" : "Unexpected";
        };
    }

    protected String text(String code, Object[] arguments, String fallback) {
        return messages.getMessage(code, arguments, fallback, locale());
    }

    protected static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
