package ma.masar.embedded.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The auditor's pages, on the audit API: the event log with filters and paging, a case as of a moment and what
 * changed between two moments, rebuilds of a read model with their progress, verification of the read models and
 * the event store, dead letters, and exports. The audit API answers in JSON; these pages only show it.
 */
@Controller
@RequestMapping("/auditor")
class AuditorPages {

    private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_.:-]{1,128}$");
    static final List<String> READ_MODELS = List.of("timeline", "search", "counts", "centres", "caseload");
    private static final List<String> EVENT_FILTERS = List.of("beneficiaryId", "centreId", "programme", "type", "userId",
            "occurredFrom", "occurredTo");

    private final MasarApi api;
    private final LocalFormats formats;
    private final ObjectMapper pretty;

    AuditorPages(MasarApi api, LocalFormats formats, ObjectMapper objectMapper) {
        this.api = api;
        this.formats = formats;
        this.pretty = objectMapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @ModelAttribute
    void common(Model model) {
        model.addAttribute("role", "auditor");
        model.addAttribute("readModels", READ_MODELS);
        model.addAttribute("programmes", ma.masar.api.common.ProgrammeType.values());
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
        String id = checkId(beneficiaryId.strip());
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

    // ---- rebuilds

    @GetMapping("/rebuilds")
    String rebuilds(Model model) {
        return "auditor/rebuilds";
    }

    @PostMapping("/rebuilds")
    String startRebuild(@RequestParam String readModel, Model model) {
        if (!READ_MODELS.contains(readModel)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        ApiAnswer started = api.post("/api/audit/rebuilds", Map.of("readModel", readModel), null);
        if (!started.ok()) {
            model.addAttribute("problem", started.problem());
            return "auditor/rebuilds :: progress";
        }
        String rebuildId = started.body().path("rebuildId").asText();
        return progress(checkId(rebuildId), model);
    }

    /** Asked every half second by the progress bar while the rebuild runs. */
    @GetMapping("/rebuilds/{rebuildId}")
    String progress(@PathVariable String rebuildId, Model model) {
        ApiAnswer answer = api.get("/api/audit/rebuilds/" + checkId(rebuildId));
        model.addAttribute("problem", answer.problem());
        if (answer.ok()) {
            JsonNode r = answer.body();
            model.addAttribute("rebuild", new Rebuild(rebuildId, r.path("readModel").asText(""),
                    r.path("state").asText(""), r.path("eventsDone").asLong(), r.path("eventsTotal").asLong(),
                    r.path("eventsPerSecond").asDouble(), r.hasNonNull("secondsLeft") ? r.get("secondsLeft").asLong() : null));
        }
        return "auditor/rebuilds :: progress";
    }

    public record Rebuild(String rebuildId, String readModel, String state, long eventsDone, long eventsTotal,
                          double eventsPerSecond, Long secondsLeft) {
        public boolean running() {
            return "RUNNING".equals(state);
        }

        public int percent() {
            if ("DONE".equals(state)) {
                return 100;
            }
            return eventsTotal <= 0 ? 0 : (int) Math.min(100, eventsDone * 100 / eventsTotal);
        }
    }

    // ---- verification

    @GetMapping("/verifications")
    String verifications() {
        return "auditor/verifications";
    }

    @PostMapping("/verifications")
    String verify(Model model) {
        ApiAnswer answer = api.post("/api/audit/verifications", Map.of(), null);
        model.addAttribute("problem", answer.problem());
        if (answer.ok()) {
            List<Map<String, Object>> readModels = new ArrayList<>();
            for (JsonNode readModel : answer.body().path("readModels")) {
                List<String> differences = new ArrayList<>();
                readModel.path("differences").forEach(d -> differences.add(d.isTextual() ? d.asText() : json(d)));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("readModel", readModel.path("readModel").asText());
                row.put("count", readModel.path("differing").isNumber() ? readModel.get("differing").asLong() : differences.size());
                row.put("compared", readModel.path("compared").isNumber() ? readModel.get("compared").asLong() : null);
                row.put("differences", differences.size() > 50 ? differences.subList(0, 50) : differences);
                readModels.add(row);
            }
            JsonNode store = answer.body().path("eventStore");
            List<String> broken = new ArrayList<>();
            store.path("broken").forEach(b -> broken.add(b.isTextual() ? b.asText() : json(b)));
            model.addAttribute("readModelResults", readModels);
            model.addAttribute("checked", store.path("checked").asLong());
            model.addAttribute("storeSupported", store.path("supported").asBoolean(true));
            model.addAttribute("broken", broken);
            model.addAttribute("verifiedAt", formats.now());
        }
        return "auditor/verifications :: results";
    }

    // ---- dead letters

    /** A dead letter as listed: its group and id (for retry and evict) and everything else the API tells. */
    public record DeadLetter(String group, String id, Map<String, String> fields, String payload) {
    }

    @GetMapping("/dead-letters")
    String deadLetters(Model model, @RequestHeader(value = "HX-Request", required = false) String htmx) {
        listDeadLetters(model);
        return htmx != null ? "auditor/dead-letters :: letters" : "auditor/dead-letters";
    }

    @PostMapping("/dead-letters/{group}/{id}/{action}")
    String handleDeadLetter(@PathVariable String group, @PathVariable String id, @PathVariable String action,
                            Model model) {
        if (!action.equals("retry") && !action.equals("evict")) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        String path = "/api/audit/dead-letters/" + checkId(group) + "/" + checkId(id) + "/" + action;
        ApiAnswer answer = api.post(path, Map.of(), null);
        model.addAttribute("actionProblem", answer.problem());
        model.addAttribute("actionDone", answer.ok() ? action : null);
        listDeadLetters(model);
        return "auditor/dead-letters :: letters";
    }

    private void listDeadLetters(Model model) {
        ApiAnswer answer = api.get("/api/audit/dead-letters");
        model.addAttribute("problem", answer.problem());
        List<DeadLetter> letters = new ArrayList<>();
        if (answer.ok()) {
            collectLetters(answer.body(), null, letters);
        }
        model.addAttribute("letters", letters);
    }

    /** The contract names no shape for the list: accept an array, or an object holding arrays (per group). */
    private void collectLetters(JsonNode node, String group, List<DeadLetter> letters) {
        if (node.isArray()) {
            for (JsonNode item : node) {
                letters.add(letter(item, group));
            }
        } else if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isArray() || field.getValue().isObject()) {
                    boolean byGroup = !List.of("deadLetters", "letters", "items").contains(field.getKey());
                    collectLetters(field.getValue(), byGroup && group == null ? field.getKey() : group, letters);
                }
            }
        }
    }

    private DeadLetter letter(JsonNode item, String group) {
        String g = first(item, "group", "processingGroup", "processingGroupName", "processor");
        String id = first(item, "id", "deadLetterId", "sequenceIdentifier", "sequenceId", "messageId", "eventId");
        Map<String, String> fields = new LinkedHashMap<>();
        item.fields().forEachRemaining(f -> {
            if (f.getValue().isValueNode()) {
                fields.put(f.getKey(), f.getValue().asText());
            }
        });
        JsonNode payload = item.has("payload") ? item.get("payload") : null;
        return new DeadLetter(g != null ? g : group, id, fields, payload == null ? null : json(payload));
    }

    private static String first(JsonNode item, String... names) {
        for (String name : names) {
            if (item.hasNonNull(name) && item.get(name).isValueNode()) {
                return item.get(name).asText();
            }
        }
        return null;
    }

    // ----

    private List<AuditEvent> events(JsonNode events) {
        List<AuditEvent> list = new ArrayList<>();
        for (JsonNode e : events) {
            list.add(new AuditEvent(e.path("globalIndex").isNumber() ? e.get("globalIndex").asLong() : null, text(e, "eventId"), text(e, "type"),
                    text(e, "aggregateId"), e.path("sequence").asLong(), text(e, "recordedAt"), text(e, "occurredOn"),
                    text(e, "userId"), text(e, "correlationId"), text(e, "causationId"), text(e, "centreId"),
                    e.has("payload") ? json(e.get("payload")) : ""));
        }
        return list;
    }

    String json(JsonNode node) {
        try {
            return pretty.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
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

    private static String checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return id;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
