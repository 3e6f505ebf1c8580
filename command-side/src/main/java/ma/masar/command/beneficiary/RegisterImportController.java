package ma.masar.command.beneficiary;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import ma.masar.command.web.CurrentUser;
import ma.masar.problem.ProblemAnswers;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST /api/imports/people} and {@code /api/imports/enrolments} take a register's CSV file (UTF-8, a header
 * line; formats and sample files in docs/import/) and answer 202 with the run to follow at
 * {@code GET /api/imports/{id}}. Administrators only.
 */
@RestController
@RequestMapping("/api/imports")
@Tag(name = "Bulk import", description = "Import an existing register, row by row through the same rules as the API")
class RegisterImportController {

    private final RegisterImport imports;
    private final CurrentUser user;
    private final MessageSource messages;

    RegisterImportController(RegisterImport imports, CurrentUser user, MessageSource messages) {
        this.imports = imports;
        this.user = user;
        this.messages = messages;
    }

    @PostMapping(path = "/{kind}", consumes = {"text/csv", "text/plain", "application/octet-stream"})
    @Operation(summary = "Import a CSV file of people or enrolments",
            description = "Every row through the same validation, aggregates and rules as the API; refused rows are "
                    + "reported and do not stop the others; a re-run stores nothing twice.")
    ResponseEntity<Map<String, Object>> start(@PathVariable String kind, HttpServletRequest request) throws IOException {
        RegisterImport.Kind what = switch (kind) {
            case "people" -> RegisterImport.Kind.PEOPLE;
            case "enrolments" -> RegisterImport.Kind.ENROLMENTS;
            default -> throw new RegisterImport.UnusableFile("kind must be one of people, enrolments");
        };
        ImportRun run = imports.start(what,
                new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8), user.id(),
                LocaleContextHolder.getLocale());
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + run.id())).body(run.report());
    }

    @GetMapping("/{importId}")
    ResponseEntity<Object> run(@PathVariable String importId) {
        return imports.run(importId).<ResponseEntity<Object>>map(run -> ResponseEntity.ok(run.report()))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ProblemAnswers.localised(messages,
                        LocaleContextHolder.getLocale(), HttpStatus.NOT_FOUND, "NotFound")));
    }

    @GetMapping
    List<Map<String, Object>> runs() {
        return imports.runs();
    }

    @ExceptionHandler(RegisterImport.UnusableFile.class)
    ResponseEntity<ProblemDetail> unusable(RegisterImport.UnusableFile e) {
        Locale locale = LocaleContextHolder.getLocale();
        ProblemDetail problem = ProblemAnswers.of(HttpStatus.BAD_REQUEST, "UnusableImportFile",
                messages.getMessage("problem.UnusableImportFile", null, "Unusable file", locale), e.getMessage());
        return ResponseEntity.badRequest().body(problem);
    }
}
