package ma.masar.query.infra;

import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.MongoInterruptedException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

/**
 * What every read model's processor gets besides the settings in {@code axon.eventhandling.processors.<name>}:
 * <ul>
 *   <li>the {@link MongoTokenStore}, explicitly, so that no other token store on the classpath (JDBC, in-memory)
 *   silently takes its place;</li>
 *   <li>no transaction manager: MongoDB writes are not part of a JDBC transaction, and crash safety rests on
 *   idempotent writes instead;</li>
 *   <li>{@link BatchWrites#atEndOfBatch}, which writes each batch before the token moves, and times its writes;</li>
 *   <li>errors propagate: a failing event stops the read model and is retried, instead of being skipped silently,
 *   so a read model never drifts from what a rebuild would give;</li>
 *   <li>its initial token ({@code masar.query.processors.<name>.initial-token});</li>
 *   <li>in the embedded mode, an event source that wakes it when events are stored instead of every 500 ms
 *   ({@link EventArrivals});</li>
 *   <li>a dead-letter queue in MongoDB (collection {@code deadletters}, so the query side needs nothing but MongoDB):
 *   an event a handler fails on is parked there with the rest of its sequence (the beneficiary's or centre's later
 *   events) instead of stopping the read model, and is retried or evicted through {@code /api/audit/dead-letters}.
 *   The failure still propagates out of the handler, to the dead-lettering invoker.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelProcessors {

    @Autowired
    public void configure(EventProcessingConfigurer processing, MongoTokenStore tokenStore,
                          QueryProcessorProperties properties, MongoClient mongoClient, MeterRegistry meters,
                          @Value("${masar.mongo.database:masar}") String database) {
        DefaultMongoTemplate deadLetterStore = DefaultMongoTemplate.builder().mongoDatabase(mongoClient, database).build();
        // one source for every read model: one thread wakes them all (EventArrivals)
        AtomicReference<StreamableMessageSource<TrackedEventMessage<?>>> source = new AtomicReference<>();
        for (String group : ProcessingGroups.ALL) {
            QueryProcessorProperties.InitialToken initialToken = properties.processor(group).getInitialToken();
            processing.registerTokenStore(group, configuration -> tokenStore)
                      .registerTransactionManager(group, configuration -> NoTransactionManager.INSTANCE)
                      .registerHandlerInterceptor(group, configuration -> BatchWrites.atEndOfBatch(group, meters))
                      .registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance())
                      .registerDeadLetterQueue(group, configuration -> MongoSequencedDeadLetterQueue.builder()
                              .processingGroup(group)
                              .mongoTemplate(deadLetterStore)
                              .serializer(configuration.eventSerializer())
                              .build())
                      .registerDeadLetterPolicy(group, configuration -> countingAttempts())
                      .registerPooledStreamingEventProcessorConfiguration(
                              group,
                              (configuration, builder) -> builder
                                      .messageSource(source.updateAndGet(known -> known != null ? known
                                              : EventArrivals.over(configuration.eventStore())))
                                      .initialToken(store -> initialToken == QueryProcessorProperties.InitialToken.HEAD
                                              ? store.createHeadToken()
                                              : store.createTailToken()));
        }
    }

    /**
     * A failure of the event's own handling is dead-lettered; the diagnostics count the attempts (the first handling
     * and each retry). A read store that cannot be reached, or that answers too slowly, is no fault of the event: the
     * failure goes on to the processor, which retries the batch once the store is back, as it does when the
     * dead-letter queue (in the same store) cannot be written. Parking it would park every later event of the
     * sequence, for a read model in global order (caseload) every later event at all, until someone retries them by
     * hand.
     * <p>
     * Too slow: Axon interrupts a batch that runs past its unit of work's time limit
     * ({@code axon.timeout.transaction.event-processors}, 60 s; the per-call limit of event handlers is off, see
     * {@code masar-query.yml}) and fails it with an {@link AxonTimeoutException}; the interrupted driver call fails with a
     * {@link MongoInterruptedException}. In the scale-1 benchmark one handler of the caseload waited more than the
     * default 30 s for the read store (a commit and a profiler's pause), was dead-lettered, and the million events
     * after it followed it into the queue: the caseload stopped for good while the service said it was ready
     * (BENCHMARKS.md, "Scale 1 past its catch-up").
     */
    static EnqueuePolicy<org.axonframework.eventhandling.EventMessage<?>> countingAttempts() {
        return (letter, cause) -> {
            for (Throwable c = cause; c != null; c = c.getCause()) {
                if (c instanceof MongoTimeoutException || c instanceof MongoSocketException
                        || c instanceof MongoInterruptedException || c instanceof AxonTimeoutException) {
                    throw (RuntimeException) c;
                }
            }
            Object attempts = letter.diagnostics().get(ATTEMPTS);
            long done = attempts instanceof Number number ? number.longValue() : 0;
            return Decisions.enqueue(cause, l -> l.diagnostics().and(ATTEMPTS, done + 1));
        };
    }

    public static final String ATTEMPTS = "attempts";
}
