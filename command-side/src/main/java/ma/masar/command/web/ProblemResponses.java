package ma.masar.command.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import ma.masar.problem.ProblemAnswers;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.context.MessageSource;
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

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every refusal as RFC 7807 problem JSON, in the user's language (Accept-Language: ar or fr), with the
 * broken rule named in {@code rule} and the offending fields in {@code errors}. Personal data is never
 * echoed back or logged: rule messages carry identifiers and numbers only.
 */
@RestControllerAdvice(basePackages = "ma.masar.command")
class ProblemResponses extends ProblemAnswers {

    ProblemResponses(MessageSource messages) {
        super(messages);
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
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, "NotFound");
        problem.setProperty("id", e.getAggregateIdentifier());
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler({ConcurrencyException.class, EventStoreException.class})
    ResponseEntity<ProblemDetail> concurrentChange(RuntimeException e) {
        ProblemDetail problem = of(HttpStatus.CONFLICT, Rule.ConcurrentChange.name(),
                text("rule.ConcurrentChange", null, "Changed at the same time by someone else"),
                text("rule.ConcurrentChange.detail", null,
                        "Someone else changed this case or centre at the same moment: try again"));
        problem.setProperty("rule", Rule.ConcurrentChange.name());
        problem.setProperty("retry", true);
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badArgument(IllegalArgumentException e) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "InvalidRequest",
                text("problem.InvalidRequest", null, "Invalid request"), e.getMessage());
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(@NonNull MethodArgumentNotValidException ex,
                                                                  @NonNull HttpHeaders headers,
                                                                  @NonNull HttpStatusCode status,
                                                                  @NonNull WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(ProblemResponses::fieldError).toList();
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "InvalidRequest",
                text("problem.InvalidRequest", null, "Invalid request"),
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
        String reason = text("problem.UnreadableRequest.detail", null, "The body is not valid JSON for this request");
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            reason = mapping instanceof UnrecognizedPropertyException
                    ? text("problem.field.unknown", null, "This field is not part of the request")
                    : text("problem.field.wrongType", null, "This value has the wrong type or format");
        } else if (ex.getCause() instanceof JsonParseException parse && parse.getProcessor() != null
                && parse.getProcessor().getParsingContext().getCurrentName() != null) {
            field = parse.getProcessor().getParsingContext().getCurrentName(); // a duplicate key, among others
        }
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "UnreadableRequest",
                text("problem.UnreadableRequest", null, "Invalid request"), field == null ? reason : field + ": " + reason);
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", reason)));
        }
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    @ExceptionHandler(RuntimeException.class)
    public ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
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
            ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "EventStoreUnavailable");
            problem.setProperty("retry", true);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                    .body(problem);
        }
        return super.unexpected(e);
    }

    private ResponseEntity<ProblemDetail> rule(RuleViolation.RuleBroken broken) {
        HttpStatus status = statusOf(broken.rule());
        String name = broken.rule().name();
        Object[] args = broken.arguments().values().toArray();
        ProblemDetail problem = of(status, name,
                text("rule." + name, null, name),
                detail("rule." + name + ".detail", args, broken.message()));
        problem.setProperty("rule", name);
        if (!broken.arguments().isEmpty()) {
            problem.setProperty("arguments", broken.arguments());
        }
        if (broken.rule() == Rule.OutsideYourCentres) {
            problem.setProperty("reasonRequired", true);
        }
        return ResponseEntity.status(status).body(problem);
    }

    /** 404 for what does not exist, 403 for a case outside a social worker's centres, 422 for input the rules cannot accept, 409 for a conflict with what is recorded. */
    static HttpStatus statusOf(Rule rule) {
        return switch (rule) {
            case BeneficiaryNotFound, PartnershipNotFound -> HttpStatus.NOT_FOUND;
            case OutsideYourCentres -> HttpStatus.FORBIDDEN;
            case FollowUpNotFound, ReferralNotFound, StaffAssignmentNotFound -> HttpStatus.NOT_FOUND;
            case DueDateBeforeSchedule -> HttpStatus.UNPROCESSABLE_ENTITY;
            case CentreNotFound, DateInFuture, DateOutOfRange, DateBeforeBirth, KindergartenAgeOutOfRange,
                 ApprenticeTooYoung, HostCompanyRequired, EducationCentresTakeGirlsAndWomen,
                 CentreTypeDoesNotMatchProgramme, AuthorisationRequiredForSocialCare, PartnershipEndsBeforeStart,
                 AmountNegative, UnknownEventToCorrect, OnlyFamiliarisationCentresConvert,
                 DischargeOnlyFromSocialCare, IdempotencyKeyReused, AssignmentEndsBeforeStart,
                 CannotMergeWithItself -> HttpStatus.UNPROCESSABLE_ENTITY;
            default -> HttpStatus.CONFLICT;
        };
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
}
