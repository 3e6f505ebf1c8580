package ma.masar.embedded.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PromQL expressions of a Grafana dashboard and the metric names they read. */
record DashboardQueries(List<String> expressions) {

    private static final Set<String> KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    static DashboardQueries read(Path dashboard) throws IOException {
        List<String> expressions = new ArrayList<>();
        collect(new ObjectMapper().readTree(dashboard.toFile()), expressions);
        return new DashboardQueries(expressions);
    }

    private static void collect(JsonNode node, List<String> expressions) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                    expressions.add(field.getValue().asText());
                } else {
                    collect(field.getValue(), expressions);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, expressions));
        }
    }

    Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions) {
            names.addAll(metricNames(expression));
        }
        return names;
    }

    /** Identifiers that are neither functions (followed by a parenthesis), keywords, labels nor Grafana variables. */
    static Set<String> metricNames(String expression) {
        String stripped = expression
                .replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")                     // string literals
                .replaceAll("\\{[^}]*}", " ")                                       // label matchers
                .replaceAll("\\[[^]]*]", " ")                                       // range selectors
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ") // label lists
                .replaceAll("\\$\\{?[a-zA-Z0-9_]+}?", " ");                         // Grafana variables
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(stripped);
        while (m.find()) {
            String word = m.group();
            int next = m.end();
            while (next < stripped.length() && Character.isWhitespace(stripped.charAt(next))) {
                next++;
            }
            boolean function = next < stripped.length() && stripped.charAt(next) == '(';
            boolean partOfNumber = m.start() > 0 && Character.isDigit(stripped.charAt(m.start() - 1));
            if (!function && !partOfNumber && !KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }
}
