package ma.masar.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.masar.api.audit.EventStoreVerified;
import ma.masar.api.audit.VerifyEventStore;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.audit.CaseOpened;
import ma.masar.query.access.CaseAccess;
import ma.masar.query.infra.BadQueryParameter;
import ma.masar.query.infra.NotFound;
import ma.masar.query.infra.QueryParameters;
import org.axonframework.queryhandling.QueryGateway;
import org.springdoc.core.annotations.ParameterObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What auditors ask of the history itself: the event log, a case as of a moment, exports and verification. */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit", description = "Replay the full history: who recorded what and when")
class AuditController {

    private static final Logger log = LoggerFactory.getLogger(AuditController.class);
    private static final int PAGE_SCAN_BUDGET = 200_000;

    private final EventLog events;
    private final CaseHistory history;
    private final QueryGateway queries;
    private final ObjectMapper objectMapper;
    private final ObjectProvider<ReadModelVerifier> readModels;
    private final CaseAccess access;

    AuditController(EventLog events, CaseHistory history, QueryGateway queries, ObjectMapper objectMapper,
                    ObjectProvider<ReadModelVerifier> readModels, CaseAccess access) {
        this.access = access;
        this.events = events;
        this.history = history;
        this.queries = queries;
        this.objectMapper = objectMapper;
        this.readModels = readModels;
    }

    @GetMapping("/events")
    @Operation(summary = "Stored events in global order, filtered and paged",
            description = "next is the cursor for the following page (after=next); null at the end of the store. "
                    + "With beneficiaryId alone the case's own stream is read and the cursor is a sequence number.")
    Map<String, Object> events(@ParameterObject FilterParameters parameters,
                               @RequestParam(required = false) Long after,
                               @RequestParam(required = false) Integer limit) {
        EventFilter filter = parameters.filter();
        int size = QueryParameters.size(limit, 50, 500);
        List<EventLog.Entry> page = new ArrayList<>();
        if (after != null && after < 0) {
            throw new BadQueryParameter("after", "after is the next cursor of a previous page (0 or more)");
        }
        EventLog.Position position = events.scan(filter, after, size, PAGE_SCAN_BUDGET, page::add);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page);
        body.put("next", position.atHead() && page.size() < size ? null : position.lastScanned());
        return body;
    }

    @GetMapping("/export")
    @Operation(summary = "The history with the same filters as JSON Lines or CSV, streamed")
    ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "jsonl") String format,
                                                 @ParameterObject FilterParameters parameters) {
        boolean csv = switch (format) {
            case "csv" -> true;
            case "jsonl" -> false;
            default -> throw new BadQueryParameter("format", "format is jsonl or csv");
        };
        EventFilter filter = parameters.filter();
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            if (csv) {
                writer.write(ExportFormat.CSV_HEADER);
            }
            long[] count = {0};
            events.scan(filter, null, Long.MAX_VALUE, Long.MAX_VALUE, entry -> {
                try {
                    writer.write(csv ? ExportFormat.csvLine(entry, objectMapper) : objectMapper.writeValueAsString(entry) + "\n");
                    count[0]++;
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
            log.info("Audit export: {} events as {}", count[0], format);
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"masar-events." + format + "\"")
                .contentType(csv ? new MediaType("text", "csv", StandardCharsets.UTF_8)
                        : new MediaType("application", "x-ndjson", StandardCharsets.UTF_8))
                .body(body);
    }

    @GetMapping("/beneficiaries/{beneficiaryId}")
    @Operation(summary = "A case as known at a recorded moment (default: now)")
    CaseHistory.CaseState asOf(@PathVariable String beneficiaryId, @RequestParam(required = false) String asOf) {
        return access.open(beneficiaryId, CaseOpened.View.AS_OF, null, () -> {
            CaseHistory.CaseState state = history.asOf(beneficiaryId,
                    asOf == null ? Instant.now() : instant("asOf", asOf));
            if (state.eventCount() == 0 && history.asOf(beneficiaryId, Instant.now()).eventCount() == 0) {
                throw new NotFound("No case is recorded under " + beneficiaryId);
            }
            return state;
        });
    }

    @GetMapping("/beneficiaries/{beneficiaryId}/diff")
    @Operation(summary = "What changed in a case between two recorded moments")
    CaseHistory.CaseDiff diff(@PathVariable String beneficiaryId, @RequestParam String from, @RequestParam String to) {
        return access.open(beneficiaryId, CaseOpened.View.DIFF, null, () -> {
            Instant start = instant("from", from);
            Instant end = instant("to", to);
            if (end.isBefore(start)) {
                throw new BadQueryParameter("to", "to must not be before from");
            }
            CaseHistory.CaseDiff diff = history.diff(beneficiaryId, start, end);
            if (diff.after().eventCount() == 0 && history.asOf(beneficiaryId, Instant.now()).eventCount() == 0) {
                throw new NotFound("No case is recorded under " + beneficiaryId);
            }
            return diff;
        });
    }

    @PostMapping("/verifications")
    @Operation(summary = "Verify the event store's hash chain and compare rebuilt read models with the live ones")
    Map<String, Object> verify() throws Exception {
        Map<String, Object> result = new LinkedHashMap<>();
        ReadModelVerifier verifier = readModels.getIfAvailable();
        result.put("readModels", verifier == null ? List.of() : verifier.verifyAll());
        EventStoreVerified store;
        try {
            store = queries.query(new VerifyEventStore(), EventStoreVerified.class).get(10, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
            // no handler: Axon Server keeps its own checksums and has no chain of ours
            store = new EventStoreVerified(false, 0, List.of());
        }
        result.put("eventStore", store);
        return result;
    }

    /** The filters the event log and the export share, as query parameters. */
    record FilterParameters(String beneficiaryId, String centreId, String programme, String type, String userId,
                            String occurredFrom, String occurredTo, String recordedFrom, String recordedTo) {

        EventFilter filter() {
            return new EventFilter(QueryParameters.optionalText(beneficiaryId), QueryParameters.optionalText(centreId),
                    QueryParameters.optionalEnum("programme", programme, ProgrammeType.class),
                    QueryParameters.optionalText(type), QueryParameters.optionalText(userId),
                    date("occurredFrom", occurredFrom), date("occurredTo", occurredTo),
                    recordedFrom == null ? null : instant("recordedFrom", recordedFrom),
                    recordedTo == null ? null : instant("recordedTo", recordedTo));
        }
    }

    private static LocalDate date(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadQueryParameter(parameter, parameter + " is a date like 2010-06-30");
        }
    }

    /** An instant (2010-06-30T12:00:00Z) or a date, read as the end of that day in UTC. */
    private static Instant instant(String parameter, String value) {
        try {
            String text = value.trim();
            return text.length() == 10 ? LocalDate.parse(text).plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC)
                    .toInstant().minusNanos(1) : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadQueryParameter(parameter, parameter + " is an instant like 2010-06-30T12:00:00Z or a date");
        }
    }
}
