package ma.masar.embedded.demo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.bson.Document;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a newcomer's Axon projection does, for comparison: a tracking processor with batch size 1 (Axon's default),
 * one upsert per event (the event appended to its aggregate's document) and its token stored in MongoDB after every
 * event. Runs in the same process on the same events, in a database of its own.
 */
final class NaiveProjection {

    static final String DATABASE = "masar-naive";

    record Result(long events, double seconds) {
        double perSecond() {
            return events / seconds;
        }
    }

    private NaiveProjection() {
    }

    /** Runs from the first event for {@code seconds} or until {@code events} are handled, whichever comes first. */
    static Result run(EventStore eventStore, MongoClient mongo, Serializer serializer, double seconds, long events)
            throws InterruptedException {
        MongoCollection<Document> documents = mongo.getDatabase(DATABASE).getCollection("timeline");
        AtomicLong handled = new AtomicLong();
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        EventMessageHandler handler = event -> {
            Object payload = event.getPayload();
            String id = event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier()
                    : event.getIdentifier();
            long sequence = event instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : 0;
            documents.updateOne(Filters.eq("_id", id),
                                Updates.push("entries", new Document("type", payload.getClass().getSimpleName())
                                        .append("sequence", sequence)
                                        .append("recordedAt", event.getTimestamp().toString())),
                                upsert);
            handled.incrementAndGet();
            return null;
        };
        MongoTokenStore tokens = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongo, DATABASE).build())
                .serializer(serializer)
                .build();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name("naive")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                .messageSource(eventStore)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(
                        TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(1))
                .build();
        long start = System.nanoTime();
        processor.start();
        long deadline = start + (long) (seconds * 1e9);
        while (System.nanoTime() < deadline && handled.get() < events) {
            Thread.sleep(50);
        }
        long count = handled.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        processor.shutDown();
        mongo.getDatabase(DATABASE).drop();
        return new Result(count, elapsed);
    }
}
