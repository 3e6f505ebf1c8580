package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;

/** What Masar's API answered: a body ({@link #ok}), or a problem. {@code location} is the Location header if any. */
record ApiAnswer(int status, JsonNode body, String location, ApiProblem problem) {

    boolean ok() {
        return problem == null;
    }
}
