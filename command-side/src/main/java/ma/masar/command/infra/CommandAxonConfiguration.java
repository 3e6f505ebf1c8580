package ma.masar.command.infra;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;


@Configuration
public class CommandAxonConfiguration {

    /** Metadata keys every event carries, copied from the command that caused it. */
    public static final String USER_ID = "userId";
    public static final String CENTRE_ID = "centreId";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    /** Set on the commands of a bulk load ({@link GroupCommit}) and on their events. */
    public static final String BULK_LOAD = "bulkLoad";

    /**
     * A centre collects a SeatTaken and a SeatReleased for every enrolment it ever had; a snapshot every
     * 100 events keeps loading it to a snapshot plus at most 100 events.
     */
    @Bean
    SnapshotTriggerDefinition centreSnapshotTrigger(Snapshotter snapshotter,
                                                    @Value("${masar.snapshots.centre-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    /**
     * Aggregates stay in memory between commands in the embedded mode (one JVM owns the store): a centre is not
     * re-read for every enrolment. Axon evicts an entry when its unit of work rolls back. With Axon Server and
     * several command-side instances a centre can be changed elsewhere, so there is no cache there.
     */
    @Bean(name = "aggregateCache")
    @Profile("!axonserver")
    Cache embeddedAggregateCache() {
        return new WeakReferenceCache();
    }

    @Bean(name = "aggregateCache")
    @Profile("axonserver")
    Cache noAggregateCache() {
        return NoCache.INSTANCE;
    }

    /** causationId: the message that caused this one; correlationId: the request at the root of it all. */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider(CAUSATION_ID, CORRELATION_ID);
    }

    /** The centre is not copied from the command: aggregates name it on each event they apply. */
    @Bean
    CorrelationDataProvider issuingUser() {
        return new SimpleCorrelationDataProvider(USER_ID, BULK_LOAD);
    }
}
