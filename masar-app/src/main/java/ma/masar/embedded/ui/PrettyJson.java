package ma.masar.embedded.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.springframework.stereotype.Component;

/** JSON as the auditor reads it on a page: indented, with Spring's mapper's settings. */
@Component
class PrettyJson {

    private final ObjectMapper pretty;

    PrettyJson(ObjectMapper objectMapper) {
        this.pretty = objectMapper.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    String of(JsonNode node) {
        try {
            return pretty.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }
}
