package ma.masar.query.counts;

import ma.masar.query.infra.ProcessingGroups;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A read store whose counts were written before the totals per region existed has counters and no totals: the
 * dashboard would read nothing. At the start, just after Axon has started the processors and before the service takes
 * traffic, such a store's counts are rebuilt from the first event with Axon's own reset (the reset handler empties
 * them; the processor replays every event). Readiness waits for that replay as for any read model behind the event
 * store ({@code ReadModelsCatchUp}). A new store, or one built with totals, is only marked as such.
 * <p>
 * With several query-side instances starting at once, one resets and the others find the tokens claimed: they log it
 * and go on, the replay being under way.
 */
@Component
public class CountsTotalsUpgrade implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CountsTotalsUpgrade.class);

    private final Counters counters;
    private final EventProcessingConfiguration processing;
    private volatile boolean running;

    public CountsTotalsUpgrade(Counters counters, EventProcessingConfiguration processing) {
        this.counters = counters;
        this.processing = processing;
    }

    @Override
    public void start() {
        running = true;
        try {
            upgrade();
        } catch (RuntimeException e) {
            // the exception's class only, as everywhere; the next start tries again
            log.warn("Could not check or rebuild the counts for their totals: {}", e.getClass().getSimpleName());
        }
    }

    void upgrade() {
        if (counters.withTotals()) {
            return;
        }
        if (!counters.hasCounters()) {
            counters.markWithTotals();   // built from the first event by this code
            return;
        }
        PooledStreamingEventProcessor processor = processing
                .eventProcessor(ProcessingGroups.COUNTS, PooledStreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No processor for the counts"));
        log.info("The counts were written without their totals per region: rebuilding them from the first event");
        processor.shutDown();
        try {
            processor.resetTokens();   // the reset handler empties the counts and marks them as built with totals
        } finally {
            processor.start();   // a reset refused (tokens claimed elsewhere) leaves the counts as they were, running
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Just after Axon's configuration, which starts the processors. */
    @Override
    public int getPhase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
    }
}
