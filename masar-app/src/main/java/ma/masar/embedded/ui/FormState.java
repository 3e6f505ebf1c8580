package ma.masar.embedded.ui;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A form as the page shows it: what the user typed, and the API's refusal placed next to the field it concerns.
 * Invalid fields come named in the problem's {@code errors}; a broken rule names no field, so each form says which
 * of its fields a rule is about ({@code ruleFields}); anything else is shown above the form. The idempotency key
 * travels in a hidden field, so that a double submit records the fact once, and is renewed after a success.
 */
public final class FormState {

    private final Map<String, String> values;
    private final ApiProblem problem;
    private final Map<String, String> errors = new HashMap<>();
    private final String general;
    private final String key;

    private FormState(Map<String, String> values, ApiProblem problem, Map<String, String> ruleFields, String key) {
        this.values = values;
        this.problem = problem;
        this.key = key;
        String unplaced = null;
        if (problem != null) {
            errors.putAll(problem.fieldErrors());
            String field = problem.rule() == null ? null : ruleFields.get(problem.rule());
            String message = message(problem);
            if (field != null && values.containsKey(field)) {
                errors.merge(field, message, (a, b) -> a + " ; " + b);
            } else if (problem.fieldErrors().isEmpty() || !values.keySet().containsAll(problem.fieldErrors().keySet())) {
                unplaced = message;
            }
        }
        this.general = unplaced;
    }

    static FormState empty() {
        return new FormState(Map.of(), null, Map.of(), UUID.randomUUID().toString());
    }

    static FormState of(Map<String, String> values) {
        return new FormState(values, null, Map.of(), UUID.randomUUID().toString());
    }

    /** The same form again with the API's refusal; the key stays, so that a retry of the same facts is one fact. */
    static FormState refused(Map<String, String> values, ApiProblem problem, Map<String, String> ruleFields) {
        String key = values.getOrDefault("idempotencyKey", UUID.randomUUID().toString());
        return new FormState(values, problem, ruleFields, key);
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public boolean is(String field, String value) {
        return value != null && value.equals(values.get(field));
    }

    public String error(String field) {
        return errors.get(field);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    /** The refusal when it concerns no field of this form (a missing case, a closed centre...). */
    public String general() {
        return general;
    }

    public boolean refused() {
        return problem != null;
    }

    public String rule() {
        return problem == null ? null : problem.rule();
    }

    /** A value the rule's message quotes, e.g. the case that already holds a national ID number. */
    public String argument(String name) {
        if (problem == null || problem.arguments() == null) {
            return null;
        }
        String value = problem.arguments().path(name).asText("");
        return value.isBlank() ? null : value;
    }

    /** Refused without a word the page can show (the API unreachable): the page says so in its own words. */
    public boolean unexplained() {
        return problem != null && general == null && errors.isEmpty();
    }

    public ApiProblem problem() {
        return problem;
    }

    public String key() {
        return key;
    }

    private static String message(ApiProblem problem) {
        if (problem.title() == null && problem.detail() == null) {
            return null;
        }
        if (problem.rule() != null && problem.title() != null) {
            // a rule's title is always in the user's language; its detail falls back to English where the rules'
            // bundles have no localised detail yet, so the field shows the title
            return problem.title();
        }
        if (problem.title() == null || problem.detail() == null || problem.detail().equals(problem.title())) {
            return problem.title() != null ? problem.title() : problem.detail();
        }
        return problem.title() + " : " + problem.detail();
    }
}
