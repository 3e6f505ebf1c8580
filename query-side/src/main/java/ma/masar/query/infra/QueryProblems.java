package ma.masar.query.infra;

import java.net.URI;
import java.util.Locale;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import ma.masar.query.access.CaseAccess;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Problem JSON (RFC 9457) for the query side's controllers only. Messages name the parameter, never personal data. */
@RestControllerAdvice(basePackages = "ma.masar.query")
public class QueryProblems {

    @ExceptionHandler(BadQueryParameter.class)
    public ProblemDetail badParameter(BadQueryParameter e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad query parameter");
        problem.setType(URI.create("https://masar.ma/problems/bad-query-parameter"));
        problem.setProperty("parameter", e.parameter());
        return problem;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ProblemDetail wrongType(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
        return badParameter(new BadQueryParameter(e.getName(), e.getName() + " must be " + article(expected)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    public ProblemDetail missing(MissingServletRequestParameterException e) {
        return badParameter(new BadQueryParameter(e.getParameterName(), e.getParameterName() + " is required"));
    }

    @ExceptionHandler(NotFound.class)
    public ProblemDetail notFound(NotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        problem.setType(URI.create("https://masar.ma/problems/not-found"));
        return problem;
    }

    /** A social worker asked for a case their centres do not follow without stating why: they may, with a reason. */
    @ExceptionHandler(CaseAccess.OutsideCentres.class)
    public ProblemDetail outsideCentres(CaseAccess.OutsideCentres e, Locale locale) {
        boolean arabic = "ar".equals(locale.getLanguage());
        boolean french = "fr".equals(locale.getLanguage());
        String title = arabic ? "هذا الملف غير متابَع في مراكزك"
                : french ? "Ce dossier n'est pas suivi dans vos centres" : "This case is not followed in your centres";
        String detail = arabic ? "لفتحه، اذكر السبب: تُسجَّل القراءة ويطّلع عليها المدققون"
                : french ? "Pour l'ouvrir, indiquez un motif : la lecture est enregistrée et visible des auditeurs"
                : "To open it, state a reason: the read is recorded and shown to auditors";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, detail);
        problem.setTitle(title);
        problem.setType(URI.create("https://masar.ma/problems/outside-your-centres"));
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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The read models cannot be reached just now; recorded facts are safe. Try again shortly.");
        problem.setTitle("Read store unavailable");
        problem.setType(URI.create("https://masar.ma/problems/read-store-unavailable"));
        problem.setProperty("retry", true);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5").body(problem);
    }

    private static String article(String type) {
        return switch (type) {
            case "Integer", "int", "Long", "long" -> "a whole number";
            default -> "a " + type;
        };
    }
}
