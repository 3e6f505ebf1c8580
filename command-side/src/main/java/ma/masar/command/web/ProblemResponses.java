package ma.masar.command.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.NonNull;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every refusal as RFC 7807 problem JSON, in the user's language (Accept-Language: ar or fr), with the
 * broken rule named in {@code rule} and the offending fields in {@code errors}. Personal data is never
 * echoed back or logged: rule messages carry identifiers and numbers only.
 */
@RestControllerAdvice(basePackages = "ma.masar.command")
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final String TYPE_BASE = "https://masar.example/problems/";

    private final MessageSource messages;

    ProblemResponses(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleBroken(RuleViolation violation) {
        return rule(violation.broken());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> remoteRuleBroken(CommandExecutionException e) {
        // across Axon Server a rule violation arrives as its details
        Optional<Object> details = e.getDetails();
        if (details.isPresent() && details.get() instanceof RuleViolation.RuleBroken broken) {
            return rule(broken);
        }
        return unexpected(e);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "NotFound",
                text("problem.notFound", "Not found"),
                text("problem.notFound.detail", "Nothing is recorded under this identifier"));
        problem.setProperty("id", e.getAggregateIdentifier());
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler({ConcurrencyException.class, EventStoreException.class})
    ResponseEntity<ProblemDetail> concurrentChange(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, Rule.ConcurrentChange.name(),
                text("rule.ConcurrentChange", "Changed at the same time by someone else"),
                text("rule.ConcurrentChange.detail", "Someone else changed this case or centre at the same moment: try again"));
        problem.setProperty("rule", Rule.ConcurrentChange.name());
        problem.setProperty("retry", true);
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badArgument(IllegalArgumentException e) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "InvalidRequest",
                text("problem.invalid", "Invalid request"), e.getMessage());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException ex,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemResponses::fieldError).toList();
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "InvalidRequest",
                text("problem.invalid", "Invalid request"),
                errors.stream().map(err -> err.get("field") + ": " + err.get("message")).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(@NonNull HttpMessageNotReadableException ex,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        String field = null;
        String reason = text("problem.unreadable.detail", "The body is not valid JSON for this request");
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            reason = mapping instanceof UnrecognizedPropertyException
                    ? text("problem.unknownField", "This field is not part of the request")
                    : text("problem.wrongType", "This value has the wrong type or format");
        }
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "UnreadableRequest",
                text("problem.invalid", "Invalid request"), field == null ? reason : field + ": " + reason);
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", reason)));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuleViolation violation) {
            return rule(violation.broken());
        }
        if (cause instanceof ConcurrencyException || cause instanceof EventStoreException) {
            return concurrentChange((RuntimeException) cause);
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return notFound(notFound);
        }
        if (io.grpc.Status.fromThrowable(e).getCode() == io.grpc.Status.Code.UNAVAILABLE) {
            // Axon Server unreachable: nothing was recorded, and trying again later is the right move
            ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "EventStoreUnavailable",
                    text("problem.unavailable", "Temporarily unavailable"),
                    text("problem.unavailable.detail",
                            "The event store cannot be reached; the command was not recorded. Try again."));
            problem.setProperty("retry", true);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                    .body(problem);
        }
        // the exception class only: messages may quote input
        log.error("Unexpected failure handling a command: {}", e.getClass().getName(), e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Unexpected",
                text("problem.unexpected", "Unexpected error"),
                text("problem.unexpected.detail", "Nothing was recorded. The error was logged for the administrators."));
        return ResponseEntity.internalServerError().body(problem);
    }

    private ResponseEntity<ProblemDetail> rule(RuleViolation.RuleBroken broken) {
        HttpStatus status = statusOf(broken.rule());
        String name = broken.rule().name();
        Object[] args = broken.arguments().values().toArray();
        ProblemDetail problem = problem(status, name,
                text("rule." + name, name),
                detail("rule." + name + ".detail", args, broken.message()));
        problem.setProperty("rule", name);
        if (!broken.arguments().isEmpty()) {
            problem.setProperty("arguments", broken.arguments());
        }
        return ResponseEntity.status(status).body(problem);
    }

    /** 404 for what does not exist, 403 for a case outside a social worker's centres, 422 for input the rules cannot accept, 409 for a conflict with what is recorded. */
    static HttpStatus statusOf(Rule rule) {
        return switch (rule) {
            case BeneficiaryNotFound, PartnershipNotFound -> HttpStatus.NOT_FOUND;
            case OutsideYourCentres -> HttpStatus.FORBIDDEN;
            case FollowUpNotFound, ReferralNotFound -> HttpStatus.NOT_FOUND;
            case DueDateBeforeSchedule -> HttpStatus.UNPROCESSABLE_ENTITY;
            case CentreNotFound, DateInFuture, DateOutOfRange, DateBeforeBirth, KindergartenAgeOutOfRange,
                 ApprenticeTooYoung, HostCompanyRequired, EducationCentresTakeGirlsAndWomen,
                 CentreTypeDoesNotMatchProgramme, AuthorisationRequiredForSocialCare, PartnershipEndsBeforeStart,
                 AmountNegative, UnknownEventToCorrect, OnlyFamiliarisationCentresConvert,
                 DischargeOnlyFromSocialCare, IdempotencyKeyReused -> HttpStatus.UNPROCESSABLE_ENTITY;
            default -> HttpStatus.CONFLICT;
        };
    }

    private ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    private static Map<String, String> fieldError(FieldError error) {
        return Map.of("field", error.getField(),
                "message", error.getDefaultMessage() == null ? "invalid" : error.getDefaultMessage());
    }

    /** The bundle's text, or the rule's own English message as it is (it may quote input: no formatting). */
    private String detail(String code, Object[] args, String fallback) {
        try {
            return messages.getMessage(code, args, locale());
        } catch (org.springframework.context.NoSuchMessageException e) {
            return fallback;
        }
    }

    private String text(String code, String fallback) {
        return messages.getMessage(code, null, fallback, locale());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
