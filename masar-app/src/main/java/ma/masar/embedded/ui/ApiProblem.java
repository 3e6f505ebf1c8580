package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A refusal from Masar's API, read from its problem JSON (RFC 7807): {@code title} and {@code detail} already in the
 * user's language, {@code rule} naming the broken rule, {@code errors} the invalid fields, {@code arguments} what the
 * rule message quotes (identifiers and numbers, never personal data).
 */
public record ApiProblem(int status, String title, String detail, String rule, Map<String, String> fieldErrors,
                  JsonNode arguments, boolean routeMissing) {

    static ApiProblem of(int status, JsonNode body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (JsonNode error : body.path("errors")) {
            String field = error.path("field").asText("");
            String message = error.path("message").asText("");
            // the API names a nested field with its path (person.givenNameAr): the forms use the last name
            String name = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
            fields.merge(name, message, (a, b) -> a + " ; " + b);
        }
        String detail = text(body, "detail");
        // Spring's own 404 for a path no controller serves (an API not deployed yet), not a "no such case"
        boolean routeMissing = status == 404 && detail != null
                && (detail.startsWith("No static resource") || detail.startsWith("No endpoint"));
        return new ApiProblem(status, text(body, "title"), detail, text(body, "rule"), fields,
                body.path("arguments"), routeMissing);
    }

    /** When the API could not be reached or answered without problem JSON. */
    static ApiProblem unreadable(int status) {
        return new ApiProblem(status, null, null, null, Map.of(), null, status == 404);
    }

    boolean notFound() {
        return status == 404;
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
