package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The auditor's pages, on the audit API: the event log with filters and paging, a case as of a moment and what
 * changed between two moments, and exports. Rebuilds, verification and dead letters are
 * {@link AuditorOperationsPages}. The audit API answers in JSON; these pages only show it.
 */
@Controller
@RequestMapping("/auditor")
class AuditorPages {

    private static final List<String> EVENT_FILTERS = List.of("beneficiaryId", "centreId", "programme", "type", "userId",
            "occurredFrom", "occurredTo");

    private final MasarApi api;
    private final LocalFormats formats;
    private final PrettyJson pretty;

    AuditorPages(MasarApi api, LocalFormats formats, PrettyJson pretty) {
        this.api = api;
        this.formats = formats;
        this.pretty = pretty;
    }

    @GetMapping
    String home() {
        return "redirect:/auditor/events";
    }

    // ---- the event log

    /** One stored event as the log shows it; {@code payload} pretty-printed. */
    public record AuditEvent(Long globalIndex, String eventId, String type, String aggregateId, long sequence,
                             String recordedAt, String occurredOn, String userId, String correlationId,
                             String causationId, String centreId, String payload) {
    }

    @GetMapping("/events")
    String events(@RequestParam Map<String, String> filters, Model model,
                  @RequestHeader(value = "HX-Request", required = false) String htmx) {
        Map<String, Object> query = eventQuery(filters);
        query.put("after", blankToNull(filters.get("after")));
        String limit = filters.getOrDefault("limit", "");
        query.put("limit", limit.matches("\\d{1,4}") ? limit : "50");
        ApiAnswer answer = api.get("/api/audit/events", query);
        model.addAttribute("filters", filters);
        model.addAttribute("problem", answer.problem());
        model.addAttribute("events", answer.ok() ? events(answer.body().path("events")) : List.of());
        JsonNode next = answer.ok() ? answer.body().path("next") : null;
        model.addAttribute("next", next == null || next.isNull() || next.isMissingNode() ? null : next.asText());
        Map<String, Object> pageQuery = new LinkedHashMap<>(query);
        pageQuery.remove("after");
        model.addAttribute("pageQuery", queryString(pageQuery));
        Map<String, Object> exportQuery = eventQuery(filters);
        model.addAttribute("exportQuery", queryString(exportQuery));
        model.addAttribute("firstPage", blankToNull(filters.get("after")) == null);
        return htmx != null && !"true".equals(filters.get("full")) ? "auditor/events :: log" : "auditor/events";
    }

    private Map<String, Object> eventQuery(Map<String, String> filters) {
        Map<String, Object> query = new LinkedHashMap<>();
        EVENT_FILTERS.forEach(name -> query.put(name, blankToNull(filters.get(name))));
        query.put("recordedFrom", formats.instantOf(filters.get("recordedFrom")));
        query.put("recordedTo", formats.instantOf(filters.get("recordedTo")));
        return query;
    }

    // ---- a case at a moment, and between two moments

    @GetMapping("/cases")
    String caseAsOf(@RequestParam(required = false) String beneficiaryId, @RequestParam(required = false) String asOf,
                    @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                    Model model) {
        model.addAttribute("beneficiaryId", beneficiaryId == null ? "" : beneficiaryId.strip());
        model.addAttribute("asOf", asOf == null ? "" : asOf);
        model.addAttribute("from", from == null ? "" : from);
        model.addAttribute("to", to == null ? "" : to);
        if (beneficiaryId == null || beneficiaryId.isBlank()) {
            return "auditor/cases";
        }
        String id = PageForms.checkAuditId(beneficiaryId.strip());
        ApiAnswer state = api.get("/api/audit/beneficiaries/" + id, query("asOf", formats.instantOf(asOf)));
        model.addAttribute("problem", state.problem());
        if (state.ok()) {
            model.addAttribute("state", CaseState.of(state.body()));
        }
        if (from != null && !from.isBlank() && to != null && !to.isBlank()) {
            Map<String, Object> between = new LinkedHashMap<>();
            between.put("from", formats.instantOf(from));
            between.put("to", formats.instantOf(to));
            ApiAnswer diff = api.get("/api/audit/beneficiaries/" + id + "/diff", between);
            model.addAttribute("diffProblem", diff.problem());
            if (diff.ok()) {
                model.addAttribute("diffEvents", events(diff.body().path("events")));
                model.addAttribute("changes", StateDiff.between(comparable(diff.body().path("before")),
                        comparable(diff.body().path("after"))));
            }
        }
        return "auditor/cases";
    }

    /** What a case is at a moment, without the moment itself and the events listed apart: who, and enrolments. */
    private static JsonNode comparable(JsonNode state) {
        com.fasterxml.jackson.databind.node.ObjectNode kept = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (String field : List.of("eventCount", "registration", "enrolments")) {
            if (state.has(field)) {
                kept.set(field, state.get(field));
            }
        }
        return kept;
    }

    /** A case's state as the audit API rebuilt it: registration facts, enrolments and timeline, as rows. */
    public record CaseState(String asOf, long eventCount, Map<String, String> registration,
                            List<String> enrolmentColumns, List<Map<String, String>> enrolments,
                            List<Map<String, String>> timeline) {

        static CaseState of(JsonNode body) {
            List<Map<String, String>> enrolments = new ArrayList<>();
            List<String> columns = new ArrayList<>();
            for (JsonNode enrolment : body.path("enrolments")) {
                Map<String, String> row = StateDiff.flatten(enrolment);
                row.keySet().stream().filter(k -> !columns.contains(k)).forEach(columns::add);
                enrolments.add(row);
            }
            List<Map<String, String>> timeline = new ArrayList<>();
            for (JsonNode entry : body.path("timeline")) {
                Map<String, String> row = new LinkedHashMap<>();
                row.put("occurredOn", entry.path("occurredOn").asText(""));
                row.put("type", entry.path("type").asText(""));
                row.put("text", entry.hasNonNull("text") ? entry.get("text").asText()
                        : entry.has("payload") ? entry.get("payload").toString() : entry.toString());
                row.put("recordedAt", entry.path("recordedAt").asText(""));
                row.put("userId", entry.path("userId").asText(""));
                timeline.add(row);
            }
            return new CaseState(body.path("asOf").asText(""), body.path("eventCount").asLong(),
                    StateDiff.flatten(body.path("registration")), columns, enrolments, timeline);
        }
    }

    // ----

    private List<AuditEvent> events(JsonNode events) {
        List<AuditEvent> list = new ArrayList<>();
        for (JsonNode e : events) {
            list.add(new AuditEvent(e.path("globalIndex").isNumber() ? e.get("globalIndex").asLong() : null, text(e, "eventId"), text(e, "type"),
                    text(e, "aggregateId"), e.path("sequence").asLong(), text(e, "recordedAt"), text(e, "occurredOn"),
                    text(e, "userId"), text(e, "correlationId"), text(e, "causationId"), text(e, "centreId"),
                    e.has("payload") ? pretty.of(e.get("payload")) : ""));
        }
        return list;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : "";
    }

    private static Map<String, Object> query(String name, Object value) {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put(name, value);
        return query;
    }

    private static String queryString(Map<String, Object> query) {
        UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
        query.forEach((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                uri.queryParam(name, value);
            }
        });
        String built = uri.encode().build().toUriString();
        return built.isEmpty() ? "" : built.substring(1);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
