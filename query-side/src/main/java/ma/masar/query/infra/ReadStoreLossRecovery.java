package ma.masar.query.infra;

import com.mongodb.MongoException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Rebuilds the read models when the read store comes back without its data (MongoDB restored empty, a wiped volume).
 * Tokens live with the read models, so such a store has no tokens either; but a processor only initialises its
 * tokens when it starts: while running it loses its claims, finds no segment to claim and stays idle, silently.
 * <p>
 * Every few seconds, for each read model: a processor that is running, holds no segment, and finds no token in the
 * store for longer than a claim takes to time out, is stopped, reset (its {@code @ResetHandler} drops what was
 * written since the loss) and started again, which initialises its tokens at the first event, as at a start. A
 * processor stopped on purpose (a rebuild swapping in) is not running, and one that still has tokens is left to
 * claim them; an unreachable store is skipped until it answers. The checks run on Spring Boot's task scheduler
 * ({@link Scheduling}) from the moment the application is ready.
 */
@Component
public class ReadStoreLossRecovery {

    private static final Logger log = LoggerFactory.getLogger(ReadStoreLossRecovery.class);
    private static final Duration CHECK_EVERY = Duration.ofSeconds(2);
    /** Longer than a claim's timeout (10 s): a processor between two claims is not mistaken for a lost one. */
    private static final Duration LOST_AFTER = Duration.ofSeconds(12);

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    /** Read and written by the checks only, one after the other (a fixed delay never overlaps two). */
    private final Map<String, Long> idleWithoutTokensSince = new HashMap<>();
    private final TaskScheduler scheduler;

    public ReadStoreLossRecovery(EventProcessingConfiguration processing, TokenStore tokenStore,
                                 TaskScheduler scheduler) {
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.scheduler = scheduler;
    }

    @EventListener(ApplicationReadyEvent.class)
    void watch() {
        scheduler.scheduleWithFixedDelay(this::checkAll, Instant.now().plus(CHECK_EVERY), CHECK_EVERY);
    }

    void checkAll() {
        for (String readModel : ProcessingGroups.ALL) {
            try {
                processing.eventProcessor(readModel, PooledStreamingEventProcessor.class)
                          .ifPresent(processor -> check(readModel, processor));
            } catch (RuntimeException e) {
                // the next check tries again; the exception's class only, as everywhere
                log.warn("Could not check read model [{}] for a lost read store: {}", readModel,
                         e.getClass().getSimpleName());
            }
        }
    }

    private void check(String readModel, PooledStreamingEventProcessor processor) {
        if (!processor.isRunning() || !processor.processingStatus().isEmpty() || hasTokens(readModel)) {
            idleWithoutTokensSince.remove(readModel);
            return;
        }
        long now = System.nanoTime();
        long since = idleWithoutTokensSince.computeIfAbsent(readModel, r -> now);
        if (now - since < LOST_AFTER.toNanos()) {
            return;
        }
        idleWithoutTokensSince.remove(readModel);
        log.warn("Read model [{}] holds no segment and the read store has no token for it: the store lost its data. "
                 + "Rebuilding it from the first event", readModel);
        processor.shutDown();
        processor.resetTokens();
        processor.start();
    }

    private boolean hasTokens(String readModel) {
        try {
            return tokenStore.fetchSegments(readModel).length > 0;
        } catch (MongoException unreachable) {
            return true;   // not known: leave it to the processor's own retries
        }
    }
}
