package ma.masar.query.audit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import ma.masar.query.caseload.CaseloadDocuments;
import ma.masar.query.caseload.CaseloadProjection;
import ma.masar.query.centres.CentreDocuments;
import ma.masar.query.centres.CentresProjection;
import ma.masar.query.staff.StaffDocuments;
import ma.masar.query.staff.StaffProjection;
import ma.masar.query.counts.Counters;
import ma.masar.query.counts.CountsLive;
import ma.masar.query.counts.CountsProjection;
import ma.masar.query.infra.BatchWrites;
import ma.masar.query.infra.GlobalIndexMarks;
import ma.masar.query.infra.ProcessingGroups;
import ma.masar.query.search.BeneficiaryDocuments;
import ma.masar.query.search.SearchProjection;
import ma.masar.query.timeline.TimelineDocuments;
import ma.masar.query.timeline.TimelineLive;
import ma.masar.query.timeline.TimelineProjection;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Builds one read model from the first event into a database of its own, with the projection's own code, outside
 * Axon's processors: the live read model, its token and its processor are not touched. Collections keep their
 * names; the database says which build they belong to ({@code <readStore>_<purpose>_<readModel>}).
 * <p>
 * Events are handled in batches of {@value #BATCH}, each batch in one unit of work whose writes are written at its
 * end, as the processors do ({@link BatchWrites}). The build stops at the head of the event store taken when it
 * starts.
 */
@Component
public class ScratchRebuild {

    private static final int BATCH = 1000;

    private final EventStore eventStore;
    private final MongoClient mongoClient;
    private final String readStoreName;
    private final ObjectProvider<TimelineLive> timelineLive;
    private final ObjectProvider<CountsLive> countsLive;

    public ScratchRebuild(EventStore eventStore, MongoClient mongoClient,
                          @Value("${masar.mongo.database:masar}") String readStoreName,
                          ObjectProvider<TimelineLive> timelineLive, ObjectProvider<CountsLive> countsLive) {
        this.eventStore = eventStore;
        this.mongoClient = mongoClient;
        this.readStoreName = readStoreName;
        this.timelineLive = timelineLive;
        this.countsLive = countsLive;
    }

    /** The database a build for {@code purpose} of {@code readModel} goes to, emptied. */
    public MongoDatabase emptyDatabase(String purpose, String readModel) {
        MongoDatabase database = mongoClient.getDatabase(readStoreName + "_" + purpose + "_" + readModel);
        database.drop();
        return database;
    }

    /** The position of the last event stored now; a build covers the events up to it. */
    public long headPosition() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /**
     * Handles every event up to {@code untilPosition} with a new instance of {@code readModel}'s projection writing
     * into {@code target}; {@code progress} gets the number of events handled after each batch.
     */
    public long build(String readModel, MongoDatabase target, long untilPosition, LongConsumer progress)
            throws InterruptedException {
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(projection(readModel, target));
        long handled = 0;
        if (untilPosition < 0) {
            progress.accept(0);
            return 0;
        }
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            GlobalIndexMarks marks = new GlobalIndexMarks(null);
            List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
            boolean done = false;
            while (!done) {
                if (!stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The event store ended before position " + untilPosition);
                }
                TrackedEventMessage<?> event = marks.mark(stream.nextAvailable());
                long position = event.trackingToken().position().orElse(Long.MAX_VALUE);
                if (position <= untilPosition) {
                    batch.add(event);
                }
                done = position >= untilPosition;
                if (batch.size() == BATCH || (done && !batch.isEmpty())) {
                    handle(projection, batch);
                    handled += batch.size();
                    batch.clear();
                    progress.accept(handled);
                }
            }
        }
        return handled;
    }

    /** A build that can be continued: it keeps its event stream open between {@link #advanceTo} calls. */
    public Build start(String readModel, MongoDatabase target) {
        return new Build(new AnnotationEventHandlerAdapter(projection(readModel, target)), eventStore.openStream(null));
    }

    public static final class Build implements AutoCloseable {

        private final AnnotationEventHandlerAdapter projection;
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final GlobalIndexMarks marks = new GlobalIndexMarks(null);
        private long handled;
        private long position = -1;

        private Build(AnnotationEventHandlerAdapter projection, BlockingStream<TrackedEventMessage<?>> stream) {
            this.projection = projection;
            this.stream = stream;
        }

        /** Handles the events after the last one handled, up to {@code untilPosition}, reporting the count. */
        public long advanceTo(long untilPosition, LongConsumer progress) throws InterruptedException {
            List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
            while (position < untilPosition) {
                if (!stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("The event store ended before position " + untilPosition);
                }
                TrackedEventMessage<?> event = marks.mark(stream.nextAvailable());
                position = event.trackingToken().position().orElse(Long.MAX_VALUE);
                batch.add(event);
                if (batch.size() == BATCH || position >= untilPosition) {
                    handle(projection, batch);
                    handled += batch.size();
                    batch.clear();
                    progress.accept(handled);
                }
            }
            return handled;
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    /** One batch in one unit of work, as Axon's processors handle theirs, with the writes at its last event. */
    private static void handle(AnnotationEventHandlerAdapter projection, List<TrackedEventMessage<?>> batch) {
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        ResultMessage<Object> result = unitOfWork.executeWithResult(() -> {
            TrackedEventMessage<?> event = unitOfWork.getMessage();
            if (projection.canHandle(event)) {
                projection.handle(event);
            }
            if (unitOfWork.isLastMessage()) {
                BatchWrites.writeAll(unitOfWork);
            }
            return null;
        });
        if (result.isExceptional()) {
            throw new IllegalStateException("Rebuild failed in a batch ending at " + batch.get(batch.size() - 1)
                                                    .getIdentifier(), result.exceptionResult());
        }
    }

    private Object projection(String readModel, MongoDatabase target) {
        return switch (readModel) {
            case ProcessingGroups.TIMELINE -> new TimelineProjection(new TimelineDocuments(target),
                                                                     timelineLive.getObject());
            case ProcessingGroups.SEARCH -> new SearchProjection(new BeneficiaryDocuments(target));
            case ProcessingGroups.COUNTS -> new CountsProjection(new Counters(target), countsLive.getObject());
            case ProcessingGroups.CENTRES -> new CentresProjection(new CentreDocuments(target));
            case ProcessingGroups.CASELOAD -> new CaseloadProjection(new CaseloadDocuments(target));
            case ProcessingGroups.STAFF -> new StaffProjection(new StaffDocuments(target));
            default -> throw new IllegalArgumentException("No read model " + readModel);
        };
    }
}
