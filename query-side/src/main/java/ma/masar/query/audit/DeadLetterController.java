package ma.masar.query.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import ma.masar.query.infra.NotFound;
import ma.masar.query.infra.ProcessingGroups;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read models' dead letters: events a projection failed on, parked with the rest of their sequence (the later
 * events of the same beneficiary or centre). A retry handles the sequence again in order, once the cause is fixed;
 * an evict drops it (the read model then lacks those events until a rebuild).
 */
@RestController
@RequestMapping("/api/audit/dead-letters")
@Tag(name = "Audit")
public class DeadLetterController {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterController.class);

    private final EventProcessingConfiguration processing;

    public DeadLetterController(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    public record DeadLetterView(String group, String sequenceId, long index, String eventType, String eventId,
                                 String causeType, String causeMessage, Object attempts, String enqueuedAt,
                                 String lastTouched) {
    }

    @GetMapping
    @Operation(summary = "Events the read models failed on, per processing group and sequence, oldest first")
    public List<DeadLetterView> list() {
        List<DeadLetterView> views = new ArrayList<>();
        for (String group : ProcessingGroups.ALL) {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(group).deadLetters()) {
                for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                    views.add(view(group, letter));
                }
            }
        }
        return views;
    }

    @PostMapping("/{group}/{id}/retry")
    @Operation(summary = "Handles a dead-lettered sequence again, in order; what fails again stays in the queue")
    public Map<String, Object> retry(@PathVariable String group, @PathVariable String id) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        requirePresent(queue, group, id);
        SequencedDeadLetterProcessor<EventMessage<?>> processor =
                processing.sequencedDeadLetterProcessor(group).orElseThrow(() -> unknown(group));
        boolean processed = processor.process(letter -> id.equals(sequenceId(letter)));
        long left = queue.sequenceSize(id);
        log.info("Dead letters of [{}] sequence [{}] retried: {}, {} left", group, id,
                 processed ? "handled" : "failed again", left);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("group", group);
        result.put("sequenceId", id);
        result.put("processed", processed);
        result.put("left", left);
        return result;
    }

    @PostMapping("/{group}/{id}/evict")
    @Operation(summary = "Drops a dead-lettered sequence without handling it")
    public Map<String, Object> evict(@PathVariable String group, @PathVariable String id) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(group);
        requirePresent(queue, group, id);
        int evicted = 0;
        for (DeadLetter<? extends EventMessage<?>> letter : queue.deadLetterSequence(id)) {
            queue.evict(letter);
            evicted++;
        }
        log.warn("Dead letters of [{}] sequence [{}] evicted: {} events", group, id, evicted);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("group", group);
        result.put("sequenceId", id);
        result.put("evicted", evicted);
        return result;
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        if (!ProcessingGroups.ALL.contains(group)) {
            throw unknown(group);
        }
        return processing.deadLetterQueue(group).orElseThrow(() -> unknown(group));
    }

    private static void requirePresent(SequencedDeadLetterQueue<EventMessage<?>> queue, String group, String id) {
        if (!queue.contains(id)) {
            throw new NotFound("No dead letters in " + group + " for sequence " + id);
        }
    }

    private static NotFound unknown(String group) {
        return new NotFound("No dead-letter queue for processing group " + group);
    }

    private static String sequenceId(DeadLetter<?> letter) {
        return letter instanceof MongoDeadLetter<?> mongo ? mongo.sequenceIdentifier() : null;
    }

    private static DeadLetterView view(String group, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        long index = letter instanceof MongoDeadLetter<?> mongo ? mongo.index() : -1;
        return new DeadLetterView(group, sequenceId(letter), index, message.getPayloadType().getSimpleName(),
                                  message.getIdentifier(),
                                  letter.cause().map(c -> c.type()).orElse(null),
                                  letter.cause().map(c -> c.message()).orElse(null),
                                  letter.diagnostics().get("attempts"),
                                  String.valueOf(letter.enqueuedAt()), String.valueOf(letter.lastTouched()));
    }
}
