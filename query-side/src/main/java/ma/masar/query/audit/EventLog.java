package ma.masar.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The stored events in global order, read straight from the event store (never from a read model) and
 * handed on one at a time: a page, an export of millions of events, nothing is held in memory.
 */
@Component
public class EventLog {

    /** One stored event as an auditor reads it: what, about whom, when it happened and when it was recorded, by whom. */
    public record Entry(Long globalIndex, String eventId, String type, String aggregateId, Long sequence,
                        Instant recordedAt, LocalDate occurredOn, String userId, String correlationId,
                        String causationId, String centreId, JsonNode payload) {
    }

    /** Where a scan stopped: the last index looked at, and whether the end of the store was reached. */
    public record Position(Long lastScanned, boolean atHead) {
    }

    private final EventStore eventStore;
    private final ObjectMapper objectMapper;

    public EventLog(EventStore eventStore, ObjectMapper objectMapper) {
        this.eventStore = eventStore;
        this.objectMapper = objectMapper;
    }

    /**
     * Hands matching events after global index {@code after} ({@code null}: from the first event) to {@code sink},
     * until {@code limit} matched, the head of the store is reached, or {@code scanBudget} events were looked at.
     * The store is opened at {@code after} (a seek on the global index, not a skip), whichever kind of token the
     * store uses.
     */
    public Position scan(EventFilter filter, Long after, long limit, long scanBudget, Consumer<Entry> sink) {
        if (filter.onlyBeneficiary()) {
            return scanCase(filter.beneficiaryId(), after == null ? 0 : after, limit, sink);
        }
        TrackingToken head = eventStore.createHeadToken();
        long headIndex = head == null ? -1 : head.position().orElse(-1);
        if (head == null || (after != null && after >= headIndex)) {
            return new Position(after, true);
        }
        TrackingToken from = after == null ? null : tokenAfter(head, after);
        long matched = 0;
        long scanned = 0;
        long last = after == null ? -1 : after; // -1: nothing looked at yet (Axon Server's first index is 0)
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(from)) {
            while (matched < limit && scanned < scanBudget && last < headIndex
                    && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                scanned++;
                last = event.trackingToken().position().orElse(last);
                if (filter.matches(event)) {
                    sink.accept(entry(event, last));
                    matched++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new Position(last < 0 ? after : Long.valueOf(last), last >= headIndex);
    }

    /**
     * A token that resumes right after global index {@code index}, of the kind the store hands out: the JDBC store
     * (embedded) tracks gaps, Axon Server and the in-memory store count a plain global sequence. A gap-aware token
     * with no gaps reads exactly the events with a higher index.
     */
    static TrackingToken tokenAfter(TrackingToken head, long index) {
        return head instanceof GapAwareTrackingToken
                ? GapAwareTrackingToken.newInstance(index, Collections.emptySortedSet())
                : new GlobalSequenceTrackingToken(index);
    }

    /** One case's events come from its own stream, not a scan of the whole store. */
    private Position scanCase(String beneficiaryId, long afterSequence, long limit, Consumer<Entry> sink) {
        long[] last = {afterSequence};
        long[] matched = {0};
        try (Stream<? extends DomainEventMessage<?>> events = eventStore.readEvents(beneficiaryId).asStream()) {
            events.filter(e -> e.getSequenceNumber() + 1 > afterSequence)
                    .takeWhile(e -> matched[0] < limit)
                    .forEach(e -> {
                        sink.accept(entry(e, null));
                        last[0] = e.getSequenceNumber() + 1;
                        matched[0]++;
                    });
        }
        return new Position(last[0], matched[0] < limit);
    }

    Stream<? extends DomainEventMessage<?>> caseEvents(String beneficiaryId) {
        return eventStore.readEvents(beneficiaryId).asStream();
    }

    Entry entry(EventMessage<?> event, Long globalIndex) {
        Object payload = event.getPayload();
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d ? d : null;
        return new Entry(globalIndex, event.getIdentifier(), event.getPayloadType().getSimpleName(),
                domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(),
                event.getTimestamp(), EventFilter.occurredOn(payload),
                text(event, "userId"), text(event, "correlationId"), text(event, "causationId"),
                centreOf(event, payload), objectMapper.valueToTree(payload));
    }

    private static String centreOf(EventMessage<?> event, Object payload) {
        String centre = text(event, "centreId");
        return centre != null ? centre : EventFilter.placements(payload).map(p -> p.centreId()).findFirst().orElse(null);
    }

    private static String text(EventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }
}
