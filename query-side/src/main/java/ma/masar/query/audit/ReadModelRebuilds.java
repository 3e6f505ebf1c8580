package ma.masar.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import jakarta.annotation.PreDestroy;
import ma.masar.query.infra.BadQueryParameter;
import ma.masar.query.infra.ProcessingGroups;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rebuilds a read model beside the live one and lets it take over.
 * <ol>
 *   <li>The read model is built from the first event up to the head (taken at the start) into a database of its own
 *   ({@link ScratchRebuild}, with the projection's own code); the live read model keeps serving and keeps
 *   projecting new events meanwhile.</li>
 *   <li>To take over, the live processor is shut down (reads are still served, only new events wait), the build
 *   handles the events recorded since, up to a new head; its documents replace the live ones in place; the
 *   processor's token is set to that head and the processor starts again.</li>
 * </ol>
 * The pause lasts the catch-up of the events recorded during the build plus the swap: seconds, not the rebuild.
 * One rebuild per read model at a time, each on a thread of its own: a Spring executor built from Boot's settings
 * ({@code spring.task.execution.*}) with a thread per read model, not Boot's shared {@code applicationTaskExecutor},
 * whose threads a rebuild of minutes would hold away from the rest of the application. A stop interrupts a rebuild;
 * the live read model keeps its own token.
 */
@Component
public class ReadModelRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilds.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;
    private static final int COPY_CHUNK = 1000;

    private final ScratchRebuild scratch;
    private final MongoDatabase readStore;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final EventStore eventStore;
    private final Map<String, Rebuild> rebuilds = new ConcurrentHashMap<>();
    private final Map<String, Rebuild> running = new ConcurrentHashMap<>();
    private final ThreadPoolTaskExecutor executor;

    public ReadModelRebuilds(ScratchRebuild scratch, MongoDatabase readStore, EventProcessingConfiguration processing,
                             TokenStore tokenStore, EventStore eventStore, ThreadPoolTaskExecutorBuilder executors) {
        this.scratch = scratch;
        this.readStore = readStore;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.eventStore = eventStore;
        int threads = ProcessingGroups.ALL.size();
        this.executor = executors.threadNamePrefix("read-model-rebuild-").corePoolSize(threads).maxPoolSize(threads)
                                 .build();
        this.executor.setDaemon(true);   // a rebuild never keeps the JVM from exiting
        this.executor.initialize();
    }

    /** Thrown when the read model is being rebuilt already. */
    public static class AlreadyRebuilding extends RuntimeException {
        public AlreadyRebuilding(String readModel, String rebuildId) {
            super("Read model " + readModel + " is being rebuilt already (rebuild " + rebuildId + ")");
        }
    }

    public Rebuild start(String readModel) {
        if (readModel == null || !ProcessingGroups.ALL.contains(readModel)) {
            throw new BadQueryParameter("readModel", "must be one of " + ProcessingGroups.ALL + ", not " + readModel);
        }
        Rebuild rebuild = new Rebuild(UUID.randomUUID().toString(), readModel);
        Rebuild other = running.putIfAbsent(readModel, rebuild);
        if (other != null) {
            throw new AlreadyRebuilding(readModel, other.id);
        }
        // known at once, so the first look at the progress has a total
        rebuild.total = scratch.headPosition() + 1;
        rebuilds.put(rebuild.id, rebuild);
        executor.execute(() -> run(rebuild));
        return rebuild;
    }

    public Optional<Rebuild> find(String rebuildId) {
        return Optional.ofNullable(rebuilds.get(rebuildId));
    }

    private void run(Rebuild rebuild) {
        String readModel = rebuild.readModel;
        MongoDatabase target = scratch.emptyDatabase("rebuild", readModel);
        PooledStreamingEventProcessor processor =
                processing.eventProcessor(readModel, PooledStreamingEventProcessor.class).orElseThrow();
        boolean stopped = false;
        try (ScratchRebuild.Build build = scratch.start(readModel, target)) {
            long head = scratch.headPosition();
            rebuild.total = head + 1;
            log.info("Rebuild {} of [{}] started: {} events to build beside the live read model",
                     rebuild.id, readModel, rebuild.total);
            build.advanceTo(head, rebuild::progress);

            processor.shutDown();
            stopped = true;
            TrackingToken takeOver = eventStore.createHeadToken();
            long takeOverPosition = takeOver == null ? -1 : takeOver.position().orElse(-1);
            rebuild.total = takeOverPosition + 1;
            build.advanceTo(takeOverPosition, rebuild::progress);
            swapInto(target);
            for (int segment : tokenStore.fetchSegments(readModel)) {
                tokenStore.storeToken(takeOver, readModel, segment);
                tokenStore.releaseClaim(readModel, segment);
            }
            // the total was the head's position plus one: an estimate where positions have gaps
            rebuild.total = rebuild.done;
            rebuild.state = "DONE";
            log.info("Rebuild {} of [{}] done: {} events at {} events/s; the rebuilt read model is live",
                     rebuild.id, readModel, rebuild.done, Math.round(rebuild.eventsPerSecond()));
        } catch (Exception e) {
            rebuild.state = "FAILED";
            rebuild.error = e.getMessage();
            log.error("Rebuild {} of [{}] failed; the live processor resumes from its own token", rebuild.id, readModel, e);
        } finally {
            if (stopped) {
                processor.start();
            }
            target.drop();
            running.remove(readModel, rebuild);
        }
    }

    /**
     * Makes the live collections equal to the rebuilt ones in place: every rebuilt document replaces (or becomes) its
     * live namesake, then live documents the rebuild does not have are deleted. Readers never see an empty or
     * half-filled collection, only documents changing one by one. (A rename across databases would be atomic per
     * collection on MongoDB, but the stand-in fails on it after a first rename.)
     */
    private void swapInto(MongoDatabase rebuilt) {
        List<String> names = rebuilt.listCollectionNames().into(new ArrayList<>());
        for (String name : names) {
            MongoCollection<Document> live = readStore.getCollection(name);
            Set<Object> ids = new HashSet<>();
            List<WriteModel<Document>> chunk = new ArrayList<>(COPY_CHUNK);
            for (Document document : rebuilt.getCollection(name).find()) {
                ids.add(document.get("_id"));
                chunk.add(new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document,
                                                new ReplaceOptions().upsert(true)));
                if (chunk.size() == COPY_CHUNK) {
                    live.bulkWrite(chunk, new BulkWriteOptions().ordered(false));
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                live.bulkWrite(chunk, new BulkWriteOptions().ordered(false));
            }
            List<Object> stale = new ArrayList<>();
            for (Document document : live.find().projection(Projections.include("_id"))) {
                if (!ids.contains(document.get("_id"))) {
                    stale.add(document.get("_id"));
                }
            }
            for (int from = 0; from < stale.size(); from += COPY_CHUNK) {
                live.deleteMany(Filters.in("_id", stale.subList(from, Math.min(stale.size(), from + COPY_CHUNK))));
            }
            log.info("Collection [{}]: {} rebuilt documents in place, {} stale ones deleted", name, ids.size(),
                     stale.size());
        }
    }

    /** Interrupts the rebuilds still running (the executor is not a bean: the context does not stop it). */
    @PreDestroy
    void stop() {
        executor.shutdown();
    }

    /** One rebuild's progress. */
    public static final class Rebuild {

        private final String id;
        private final String readModel;
        private final long startedNanos = System.nanoTime();
        private volatile String state = "RUNNING";
        private volatile long done;
        private volatile long total;
        private volatile String error;
        private volatile long lastLogNanos = System.nanoTime();

        Rebuild(String id, String readModel) {
            this.id = id;
            this.readModel = readModel;
        }

        void progress(long handled) {
            done = handled;
            long now = System.nanoTime();
            if (now - lastLogNanos >= LOG_EVERY_NANOS) {
                lastLogNanos = now;
                log.info("Rebuild {} of [{}]: {} of {} events, {} events/s, about {} s left", id, readModel, done,
                         total, Math.round(eventsPerSecond()), secondsLeft());
            }
        }

        public double eventsPerSecond() {
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            return seconds <= 0 ? 0 : done / seconds;
        }

        public Long secondsLeft() {
            double rate = eventsPerSecond();
            if ("DONE".equals(state)) {
                return 0L;
            }
            return rate <= 0 ? null : Math.round(Math.max(0, total - done) / rate);
        }

        public String id() {
            return id;
        }

        public String readModel() {
            return readModel;
        }

        public String state() {
            return state;
        }

        public long done() {
            return done;
        }

        public long total() {
            return total;
        }

        public String error() {
            return error;
        }
    }
}
