package ma.masar.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The CSV form of the event log: one row an event, the payload as JSON in the last column. */
final class ExportFormat {

    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("[\\p{Cc}\\u2028\\u2029]");

    static final String CSV_HEADER = "globalIndex,eventId,type,aggregateId,sequence,recordedAt,occurredOn,userId,"
            + "correlationId,causationId,centreId,payload\n";

    private ExportFormat() {
    }

    static String csvLine(EventLog.Entry e, ObjectMapper objectMapper) throws JsonProcessingException {
        return Stream.of(e.globalIndex(), e.eventId(), e.type(), e.aggregateId(), e.sequence(), e.recordedAt(),
                        e.occurredOn(), e.userId(), e.correlationId(), e.causationId(), e.centreId(),
                        objectMapper.writeValueAsString(e.payload()))
                .map(ExportFormat::cell).collect(Collectors.joining(",")) + "\n";
    }

    /**
     * Quoted when needed; a leading = + - @ (or a tab or carriage return before one) is neutralised so that a
     * spreadsheet never runs a cell as a formula, and control characters (line breaks included) become spaces, so
     * that a row is always one line whatever a field held.
     */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = CONTROL.matcher(value.toString()).replaceAll(" ");
        if (!text.isEmpty() && "=+-@\t\r".indexOf(value.toString().charAt(0)) >= 0 && !(value instanceof Number)) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
