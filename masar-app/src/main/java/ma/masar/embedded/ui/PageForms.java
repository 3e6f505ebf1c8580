package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the pages that send forms to the API share: how a form becomes the API's JSON, the ids a page path accepts,
 * the changes they send ({@link Action}) and the forms of a page that sends them.
 */
final class PageForms {

    static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    /** Ids the audit API names (cases, rebuilds, dead-letter groups and sequences): dots and colons too. */
    private static final Pattern AUDIT_ID = Pattern.compile("^[A-Za-z0-9_.:-]{1,128}$");

    /** Fields the API takes as JSON numbers (it does not read a number from a string). */
    private static final List<String> NUMBERS = List.of("capacity", "amountMad");
    /**
     * Free text sent as typed (a note, what a follow-up is about, a referral's purpose): its spaces and line breaks
     * are the writer's.
     */
    private static final List<String> AS_TYPED = List.of("text", "what", "purpose");

    /** A change to a centre or an agreement: the API path under it, the fields it sends, where a rule's word goes. */
    record Action(String path, List<String> fields, Map<String, String> ruleFields) {
    }

    private PageForms() {
    }

    /** A page's forms, one an action: empty, but for the one the API just refused, which keeps what was typed. */
    static void actionForms(Model model, Map<String, Action> actions, String refusedAction, FormState refused) {
        for (String name : actions.keySet()) {
            model.addAttribute(name + "Form", name.equals(refusedAction) ? refused : FormState.empty());
        }
    }

    /**
     * The form's fields the API takes, blank ones left out (the API then names what is missing); a number as a JSON
     * number, or as typed when it is none, so that the API's own words say what is wrong with it; free text as typed,
     * other values without surrounding spaces.
     */
    static Map<String, Object> body(Map<String, String> form, List<String> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (String field : fields) {
            String value = form.get(field);
            if (value != null && !value.isBlank()) {
                body.put(field, NUMBERS.contains(field) ? number(value.strip())
                        : AS_TYPED.contains(field) ? value : value.strip());
            }
        }
        return body;
    }

    private static Object number(String value) {
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            return value;
        }
    }

    static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
    }

    static String checkAuditId(String id) {
        if (id == null || !AUDIT_ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
    }

    /** The change a page path names, or 404: the path is the page's own, not a place to probe. */
    static Action action(Map<String, Action> actions, String name) {
        Action action = actions.get(name);
        if (action == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return action;
    }

    static <E extends Enum<E>> E enumOrNull(Class<E> type, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static boolean pausedAfter(JsonNode failure, Instant now) {
        String until = text(failure, "pausedUntil");
        try {
            return until != null && Instant.parse(until).isAfter(now);
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
