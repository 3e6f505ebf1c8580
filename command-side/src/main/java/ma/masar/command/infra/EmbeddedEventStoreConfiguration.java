package ma.masar.command.infra;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
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
                                          DataSource dataSource) throws SQLException {
        JdbcEventStorageEngine engine = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(axonConfiguration.upcasterChain())
                .snapshotFilter(axonConfiguration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .batchSize(1000)
                .appendEvents(new HashChain())
                .readEventDataWithGaps(new GapReadsByIndex())
                .build();
        engine.createSchema(new H2EventTableFactory());
        try (Connection connection = dataSource.getConnection()) {
            HashChain.createTable(connection);
        }
        return engine;
    }

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
