package ma.masar.query.infra;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import ma.masar.problem.ProblemAnswers;
import ma.masar.query.access.CaseAccess;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.NonNull;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.axonserver.connector.query.AxonServerQueryDispatchException;
import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

/** The query side's own refusals, on top of the shared mapping. Messages name the parameter, never personal data. */
@RestControllerAdvice(basePackages = "ma.masar.query")
public class QueryProblems extends ProblemAnswers {

    public QueryProblems(MessageSource messages) {
        super(messages);
    }

    @ExceptionHandler(BadQueryParameter.class)
    public ProblemDetail badParameter(BadQueryParameter e) {
        return badParameter(e.parameter(), e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(@NonNull TypeMismatchException ex, @NonNull HttpHeaders headers,
                                                        @NonNull HttpStatusCode status, @NonNull WebRequest request) {
        String name = ex.getPropertyName() == null ? "parameter" : ex.getPropertyName();
        Class<?> required = ex.getRequiredType();
        String expected = required == null ? "another type" : required.getSimpleName();
        return ResponseEntity.badRequest().body(badParameter(name, name + " must be " + article(expected)));
    }

    @ExceptionHandler(NotFound.class)
    public ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "NotFound");
    }

    /** A social worker asked for a case their centres do not follow without stating why: they may, with a reason. */
    @ExceptionHandler(CaseAccess.OutsideCentres.class)
    public ProblemDetail outsideCentres(CaseAccess.OutsideCentres e) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, "OutsideYourCentres");
        problem.setProperty("rule", "OutsideYourCentres");
        problem.setProperty("reasonRequired", true);
        return problem;
    }

    /**
     * The read store cannot be reached (no server within the driver's server selection timeout, or the connection
     * dropped): nothing is wrong with the request, and asking again in a moment is the right move.
     */
    @ExceptionHandler({MongoTimeoutException.class, MongoSocketException.class})
    public ResponseEntity<ProblemDetail> readStoreUnavailable(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "ReadStoreUnavailable");
        problem.setProperty("retry", true);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    /**
     * The query could not be routed: Axon Server is away and no handler of this instance answers it (queries with a
     * local handler do not go through Axon Server: {@code shortcut-queries-to-local-handlers}), or no instance that
     * answers it is connected. Asking again once it is back is the right move.
     */
    @ExceptionHandler({AxonServerQueryDispatchException.class, AxonServerException.class,
            NoHandlerForQueryException.class})
    public ResponseEntity<ProblemDetail> messagingUnavailable(RuntimeException e) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "MessagingUnavailable");
        problem.setProperty("retry", true);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    @ExceptionHandler(ma.masar.query.audit.ReadModelRebuilds.AlreadyRebuilding.class)
    public ProblemDetail alreadyRebuilding(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "RebuildRunning");
    }

    private static String article(String type) {
        return switch (type) {
            case "Integer", "int", "Long", "long" -> "a whole number";
            default -> "a " + type;
        };
    }
}
