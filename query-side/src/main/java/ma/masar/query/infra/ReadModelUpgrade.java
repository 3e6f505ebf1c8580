package ma.masar.query.infra;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A read model whose stored shape an older version wrote is built again from the first event at the start, just after
 * Axon has started the processors and before the service takes traffic, with Axon's own reset (the reset handler
 * empties it; the processor replays every event). Readiness waits for that replay as for any read model behind the
 * event store ({@code ReadModelsCatchUp}). A subclass says which read model and how its old shape is recognised.
 * <p>
 * With several query-side instances starting at once, one resets and the others find the tokens claimed: they log it
 * and go on, the replay being under way.
 */
public abstract class ReadModelUpgrade implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReadModelUpgrade.class);

    private final String processingGroup;
    private final EventProcessingConfiguration processing;
    private volatile boolean running;

    protected ReadModelUpgrade(String processingGroup, EventProcessingConfiguration processing) {
        this.processingGroup = processingGroup;
        this.processing = processing;
    }

    /** Whether the stored read model has the old shape and must be built again. */
    protected abstract boolean due();

    /** What changed, for the log line that says the read model is being built again. */
    protected abstract String why();

    @Override
    public void start() {
        running = true;
        try {
            upgrade();
        } catch (RuntimeException e) {
            // the exception's class only, as everywhere; the next start tries again
            log.warn("Could not check or rebuild the read model {}: {}", processingGroup,
                     e.getClass().getSimpleName());
        }
    }

    /** Rebuilds the read model from the first event when it is {@link #due}. */
    public void upgrade() {
        if (!due()) {
            return;
        }
        PooledStreamingEventProcessor processor = processing
                .eventProcessor(processingGroup, PooledStreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No processor for " + processingGroup));
        log.info("{}: rebuilding the read model {} from the first event", why(), processingGroup);
        processor.shutDown();
        try {
            processor.resetTokens();
        } finally {
            processor.start();   // a reset refused (tokens claimed elsewhere) leaves the read model as it was, running
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
