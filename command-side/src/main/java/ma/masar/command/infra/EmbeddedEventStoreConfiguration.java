package ma.masar.command.infra;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import ma.masar.personal.PersonalDataKeys;
import ma.masar.storage.H2FileCompaction;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.util.unit.DataSize;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The embedded event store: Axon's JDBC storage engine on an H2 file (see {@code spring.datasource.url};
 * {@code WRITE_DELAY=0} so that an acknowledged event survives a SIGKILL). Axon does not create the
 * tables itself, so the schema is created here at start. Under the {@code axonserver} profile Axon
 * Server is the event store and this bean does not exist. Every append also extends a per-aggregate hash
 * chain ({@link HashChain}) in the same transaction, which {@link EventStoreVerifier} checks. Because every commit is
 * written at once, H2 does not compact the file by itself: {@link H2FileCompaction} does, and the URL's
 * {@code RETENTION_TIME=1000} lets it reuse the space it frees within a second (issue 16).
 */
@Configuration
@Profile("!axonserver")
class EmbeddedEventStoreConfiguration {

    @Bean
    EventStorageEngine eventStorageEngine(Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          PersistenceExceptionResolver persistenceExceptionResolver,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          org.axonframework.config.Configuration axonConfiguration,
                                          DataSource dataSource, PersonalDataKeys keys) throws SQLException {
        HashChain hashChain;
        try (Connection connection = dataSource.getConnection()) {
            hashChain = HashChain.open(connection, keys);
        }
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(axonConfiguration.upcasterChain())
                .snapshotFilter(axonConfiguration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .batchSize(1000)
                .appendEvents(hashChain)
                .readEventDataWithGaps(new GapReadsByIndex())
                .build();
        engine.createSchema(new H2EventTableFactory());
        try (Connection connection = dataSource.getConnection()) {
            reserveGlobalIndexes(connection);
        }
        return engine;
    }

    /**
     * The global index is an identity column: H2 hands out its values from a reserve, and stores the reserve's end in
     * a commit of its own each time the reserve runs out. With {@code WRITE_DELAY=0} that commit writes a chunk to disk
     * like any other: with H2's reserve of 32 values, 31 extra durable commits a second at the demo load's thousand
     * events a second, 7% of the whole process's time (a JFR profile of the load at a tenth of the 2010 population;
     * BENCHMARKS.md, "Conflicts, sequences and keys"). A larger reserve costs nothing but gaps after a crash (H2 starts
     * again past the reserve stored last): at most {@value #GLOBAL_INDEX_RESERVE} unused indexes, which the processors'
     * gap-aware tokens skip as they skip those of a rolled-back transaction. Set on every start, so that files created
     * before take it too.
     */
    private static void reserveGlobalIndexes(Connection connection) throws SQLException {
        try (Statement alter = connection.createStatement()) {
            alter.execute("ALTER TABLE DomainEventEntry ALTER COLUMN globalIndex SET CACHE " + GLOBAL_INDEX_RESERVE);
        }
    }

    private static final int GLOBAL_INDEX_RESERVE = 1000;

    @Bean
    H2FileCompaction eventStoreCompaction(DataSource dataSource,
                                          @Value("${masar.h2.compaction-period:PT5S}") Duration period,
                                          @Value("${masar.h2.compaction-fill-rate:80}") int fillRate,
                                          @Value("${masar.h2.compaction-bytes:4MB}") DataSize writeBytes,
                                          @Value("${masar.h2.compaction-bytes-per-period:4MB}") DataSize periodBytes) {
        return new H2FileCompaction("events", dataSource, period, fillRate, Math.toIntExact(writeBytes.toBytes()),
                                    Math.toIntExact(periodBytes.toBytes()));
    }
}
