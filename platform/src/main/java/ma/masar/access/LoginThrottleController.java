package ma.masar.access;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;

/** An administrator's view of failed logins: who is paused, and lifting a pause. */
@RestController
@RequestMapping("/api/security/login-throttle")
class LoginThrottleController {

    private final LoginThrottle throttle;
    private final ProblemWriter problems;

    LoginThrottleController(LoginThrottle throttle, ProblemWriter problems) {
        this.throttle = throttle;
        this.problems = problems;
    }

    /** Accounts and addresses with failed logins, paused ones first. */
    @GetMapping
    List<LoginThrottle.Failures> list() {
        return throttle.list();
    }

    /** Lifts the pause of an account ({@code ACCOUNT}) or an address ({@code ADDRESS}) and forgets its failures. */
    @PostMapping("/{kind}/{key}/release")
    ResponseEntity<ProblemDetail> release(@PathVariable String kind, @PathVariable String key) {
        LoginThrottle.Kind which;
        try {
            which = LoginThrottle.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return problem(HttpStatus.BAD_REQUEST, "BadQueryParameter");
        }
        return throttle.release(which, key) ? ResponseEntity.noContent().build()
                : problem(HttpStatus.NOT_FOUND, "NotFound");
    }

    private ResponseEntity<ProblemDetail> problem(HttpStatus status, String type) {
        return ResponseEntity.status(status)
                .body(problems.problem(LocaleContextHolder.getLocale(), status.value(), type));
    }
}
