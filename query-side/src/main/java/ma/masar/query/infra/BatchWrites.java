package ma.masar.query.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read models' one batching piece: a projection's handlers collect their writes ({@link Pending}) while the
 * processor hands them a batch of events, and the writes go to the read store together after the batch's last event
 * ({@link #atEndOfBatch}), before the processor moves its token. The benchmark measured this to pay: one round trip
 * per batch instead of one per event (BENCHMARKS.md).
 * <ul>
 *   <li>{@link #of} gives the current batch's writes of one kind, kept as a resource of the root unit of work, so that
 *   they are dropped with it when the batch is rolled back;</li>
 *   <li>{@link #messagesOfBatch} lets a projection read at once every document the batch will change;</li>
 *   <li>{@link #insertIdempotently} and {@link DocumentChanges} are the two shapes of write: documents that never
 *   change once written, and documents changed as a whole.</li>
 * </ul>
 * Why the writes happen in the last event's handling and not in {@code onPrepareCommit}: the pooled streaming
 * processor registers the storing of its token in the prepare-commit phase before any handler runs, so writes
 * registered there would run after the token is stored, and a crash in between would lose them. Written while the
 * last event is still being handled, a failure rolls the batch back and the token stays where it was; a crash leaves
 * the token behind the writes, and every write here is idempotent, so handling the batch again changes nothing.
 */
public final class BatchWrites {

    private static final Logger log = LoggerFactory.getLogger(BatchWrites.class);
    private static final String RESOURCE = BatchWrites.class.getName();

    /** The writes one projection collects over a batch, written together at its end. */
    public interface Pending {

        void write();
    }

    private BatchWrites() {
    }

    /** The pending writes named {@code name} of the current batch, created on first use. */
    public static <W extends Pending> W of(String name, Class<W> type, Supplier<W> create) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("Projections write in batches and need a unit of work");
        }
        Map<String, Pending> writes =
                CurrentUnitOfWork.get().root().getOrComputeResource(RESOURCE, key -> new LinkedHashMap<>());
        return type.cast(writes.computeIfAbsent(name, key -> create.get()));
    }

    /**
     * The events of the batch being handled (one, outside a batching processor), so that a projection can read at
     * once, before its first event, every document the batch will change.
     */
    public static List<EventMessage<?>> messagesOfBatch() {
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        if (root instanceof BatchingUnitOfWork<?> batch) {
            return batch.getMessages().stream().<EventMessage<?>>map(message -> (EventMessage<?>) message).toList();
        }
        return List.of((EventMessage<?>) root.getMessage());
    }

    /** Writes everything the batch of {@code unitOfWork} collected, and forgets it. */
    public static void writeAll(UnitOfWork<?> unitOfWork) {
        for (Pending pending : takeWrites(unitOfWork).values()) {
            pending.write();
        }
    }

    private static Map<String, Pending> takeWrites(UnitOfWork<?> unitOfWork) {
        Object writes = unitOfWork.root().resources().remove(RESOURCE);
        return writes == null ? Map.of() : castWrites(writes);
    }

    /**
     * The interceptor a read model's processor runs its handlers in: it writes each batch after its last event, and
     * times each kind of write ({@value #WRITES_TIMER}, tagged with the read model and the name the projection gave
     * its writes). These timers stand in for the MongoDB driver's command metrics, which are off: the driver copies
     * every reply of the read store for them, the large replies of reads included (BENCHMARKS.md, "The read
     * store's replies copied for a metric").
     */
    public static MessageHandlerInterceptor<EventMessage<?>> atEndOfBatch(String processingGroup, MeterRegistry meters) {
        return new AtEndOfBatch(processingGroup, meters);
    }

    /** The name of the timers of a batch's writes. */
    public static final String WRITES_TIMER = "masar.read.model.writes";

    /**
     * Inserts documents that never change once written (their {@code _id} names the fact they hold): a document already
     * there was written by an earlier attempt at the same batch and is identical, so duplicate keys are not an error.
     * Unordered inserts are the stand-in's fastest write (upserts run at a quarter of the speed).
     */
    public static void insertIdempotently(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
            }
            if (e.getWriteConcernError() != null) {
                throw e;
            }
        }
    }

    /**
     * Writes unordered, where the first {@code inserts} writes insert documents by their {@code _id}; returns the
     * positions among those of the inserts whose {@code _id} was taken already, for the caller to write otherwise. Any
     * other failure is thrown.
     */
    public static List<Integer> writeNotingTakenIds(MongoCollection<Document> collection,
                                                    List<WriteModel<Document>> writes, int inserts) {
        if (writes.isEmpty()) {
            return List.of();
        }
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            return List.of();
        } catch (MongoBulkWriteException e) {
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            List<Integer> taken = new ArrayList<>();
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY
                    || error.getIndex() >= inserts) {
                    throw e;
                }
                taken.add(error.getIndex());
            }
            return taken;
        }
    }

    /**
     * Inserts {@code documents}, known to be new, and writes {@code others}, in one unordered bulk write; a document
     * whose {@code _id} turns out to be taken (the batch handled again after a crash) is then replaced. The stand-in
     * inserts with two look-ups of the {@code _id} and upserts with three, after building the document from the filter
     * and the replacement (BENCHMARKS.md, "Inserts where the read models upserted").
     */
    public static void insertReplacingTaken(MongoCollection<Document> collection, List<Document> documents,
                                            List<WriteModel<Document>> others) {
        List<WriteModel<Document>> writes = new ArrayList<>(documents.size() + others.size());
        documents.forEach(document -> writes.add(new InsertOneModel<>(document)));
        writes.addAll(others);
        List<WriteModel<Document>> replaces = new ArrayList<>();
        for (int taken : writeNotingTakenIds(collection, writes, documents.size())) {
            replaces.add(replacing(documents.get(taken)));
        }
        if (!replaces.isEmpty()) {
            collection.bulkWrite(replaces, new BulkWriteOptions().ordered(false));
        }
    }

    /** A replace of the document of the same {@code _id}, or its insert where there is none. */
    public static ReplaceOneModel<Document> replacing(Document document) {
        return new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document,
                                     new ReplaceOptions().upsert(true));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Pending> castWrites(Object writes) {
        return (Map<String, Pending>) writes;
    }

    /**
     * Writes a batch after its last event is handled, each kind of write timed; logs progress (counts only) at most
     * every ten seconds.
     */
    private static final class AtEndOfBatch implements MessageHandlerInterceptor<EventMessage<?>> {

        private static final long LOG_EVERY_NANOS = 10_000_000_000L;

        private final String processingGroup;
        private final MeterRegistry meters;
        /** Looked up once per kind of write, not once per batch (BENCHMARKS.md, "Metrics looked up once"). */
        private final Map<String, Timer> timers = new ConcurrentHashMap<>();
        private final AtomicLong events = new AtomicLong();
        private final AtomicLong batches = new AtomicLong();
        private volatile long lastLogNanos = System.nanoTime();
        private volatile long eventsAtLastLog;

        private AtEndOfBatch(String processingGroup, MeterRegistry meters) {
            this.processingGroup = processingGroup;
            this.meters = meters;
        }

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
                throws Exception {
            Object result = interceptorChain.proceed();
            events.incrementAndGet();
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
                takeWrites(unitOfWork).forEach((name, pending) -> {
                    long start = System.nanoTime();
                    pending.write();
                    timer(name).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                });
                batches.incrementAndGet();
                logProgress();
            }
            return result;
        }

        private Timer timer(String writes) {
            return timers.computeIfAbsent(writes, name -> Timer.builder(WRITES_TIMER)
                    .description("A batch's writes of one kind to the read store")
                    .tag("read_model", processingGroup)
                    .tag("writes", name)
                    .register(meters));
        }

        private void logProgress() {
            long now = System.nanoTime();
            if (now - lastLogNanos < LOG_EVERY_NANOS) {
                return;
            }
            long total = events.get();
            double perSecond = (total - eventsAtLastLog) / ((now - lastLogNanos) / 1e9);
            lastLogNanos = now;
            eventsAtLastLog = total;
            log.info("Read model [{}]: {} events in {} batches since start, {} events/s lately",
                     processingGroup, total, batches.get(), Math.round(perSecond));
        }
    }
}
