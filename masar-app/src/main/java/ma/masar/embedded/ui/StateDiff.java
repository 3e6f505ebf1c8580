package ma.masar.embedded.ui;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed in a case between two moments, field by field: both states flattened to paths
 * ({@code enrolments[0].status}) and compared. An auditor reads a few changed lines instead of two documents.
 */
final class StateDiff {

    public record Change(String path, String before, String after) {
        public String kind() {
            if (before == null) {
                return "added";
            }
            return after == null ? "removed" : "changed";
        }
    }

    private StateDiff() {
    }

    static List<Change> between(JsonNode before, JsonNode after) {
        Map<String, String> was = flatten(before);
        Map<String, String> is = flatten(after);
        Set<String> paths = new LinkedHashSet<>(was.keySet());
        paths.addAll(is.keySet());
        List<Change> changes = new ArrayList<>();
        for (String path : paths) {
            String a = was.get(path);
            String b = is.get(path);
            if (a == null ? b != null : !a.equals(b)) {
                changes.add(new Change(path, a, b));
            }
        }
        return changes;
    }

    /** Scalars by path: what an empty list or object held shows as added or removed children. */
    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> values = new LinkedHashMap<>();
        flatten("", node, values);
        return values;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> values) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path.isEmpty() ? field.getKey() : path + "." + field.getKey(), field.getValue(), values);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), values);
            }
        } else {
            values.put(path, node.asText());
        }
    }
}
