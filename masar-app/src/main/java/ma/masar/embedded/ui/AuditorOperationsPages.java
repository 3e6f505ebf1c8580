package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The auditor's checks on the projections: rebuilding a read model from the first event (with its progress),
 * verifying every read model and the event store's hash chain, and the dead letters. The audit API answers in JSON;
 * these pages only show it.
 */
@Controller
@RequestMapping("/auditor")
class AuditorOperationsPages {

    private final MasarApi api;
    private final LocalFormats formats;
    private final PrettyJson pretty;

    AuditorOperationsPages(MasarApi api, LocalFormats formats, PrettyJson pretty) {
        this.api = api;
        this.formats = formats;
        this.pretty = pretty;
    }

    // ---- rebuilds

    @GetMapping("/rebuilds")
    String rebuilds(Model model) {
        return "auditor/rebuilds";
    }

    @PostMapping("/rebuilds")
    String startRebuild(@RequestParam String readModel, Model model) {
        if (!AuditorArea.READ_MODELS.contains(readModel)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        ApiAnswer started = api.post("/api/audit/rebuilds", Map.of("readModel", readModel), null);
        if (!started.ok()) {
            model.addAttribute("problem", started.problem());
            return "auditor/rebuilds :: progress";
        }
        String rebuildId = started.body().path("rebuildId").asText();
        return progress(PageForms.checkAuditId(rebuildId), model);
    }

    /** Asked every half second by the progress bar while the rebuild runs. */
    @GetMapping("/rebuilds/{rebuildId}")
    String progress(@PathVariable String rebuildId, Model model) {
        ApiAnswer answer = api.get("/api/audit/rebuilds/" + PageForms.checkAuditId(rebuildId));
        model.addAttribute("problem", answer.problem());
        if (answer.ok()) {
            JsonNode r = answer.body();
            model.addAttribute("rebuild", new Rebuild(rebuildId, r.path("readModel").asText(""),
                    r.path("state").asText(""), r.path("eventsDone").asLong(), r.path("eventsTotal").asLong(),
                    r.path("eventsPerSecond").asDouble(),
                    r.hasNonNull("secondsLeft") ? r.get("secondsLeft").asLong() : null));
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
                readModel.path("differences").forEach(d -> differences.add(d.isTextual() ? d.asText() : pretty.of(d)));
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("readModel", readModel.path("readModel").asText());
                row.put("count", readModel.path("differing").isNumber() ? readModel.get("differing").asLong()
                        : differences.size());
                row.put("compared", readModel.path("compared").isNumber() ? readModel.get("compared").asLong() : null);
                row.put("differences", differences.size() > 50 ? differences.subList(0, 50) : differences);
                readModels.add(row);
            }
            JsonNode store = answer.body().path("eventStore");
            List<String> broken = new ArrayList<>();
            store.path("broken").forEach(b -> broken.add(b.isTextual() ? b.asText() : pretty.of(b)));
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
        String path = "/api/audit/dead-letters/" + PageForms.checkAuditId(group) + "/" + PageForms.checkAuditId(id) + "/" + action;
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
        return new DeadLetter(g != null ? g : group, id, fields, payload == null ? null : pretty.of(payload));
    }

    private static String first(JsonNode item, String... names) {
        for (String name : names) {
            if (item.hasNonNull(name) && item.get(name).isValueNode()) {
                return item.get(name).asText();
            }
        }
        return null;
    }
}
