package ma.masar.command.infra;

import com.zaxxer.hikari.HikariDataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import javax.sql.DataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * The event store's limit for the benchmark: the same events appended straight to a fresh event store built like the
 * embedded one (Axon's JDBC engine on an H2 file with {@code WRITE_DELAY=0}, the same table layout and hash chain), in
 * batches of one transaction each, with no command handling in front. Lives in the command side's package (in test
 * sources) to use its table factory and hash chain as they are.
 */
public final class RawEventAppends {

    public record Result(long events, double seconds) {
        public double perSecond() {
            return events / seconds;
        }
    }

    private RawEventAppends() {
    }

    /**
     * Reads every event of {@code source} (untimed), rebuilds each as a fresh message (so that its payload is
     * serialized again, as a command's events are), and appends them to a new store in {@code directory}, timing only
     * the appends.
     */
    public static Result appendAll(EventStorageEngine source, Serializer eventSerializer, Serializer serializer,
                                   Path directory, int batchSize, LongConsumer progress) throws Exception {
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl("jdbc:h2:file:" + directory.resolve("raw-events") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
            dataSource.setUsername("masar");
            dataSource.setPassword("");
            SpringTransactionManager transactions =
                    new SpringTransactionManager(new DataSourceTransactionManager(dataSource));
            JdbcEventStorageEngine target = JdbcEventStorageEngine.builder()
                    .snapshotSerializer(serializer)
                    .eventSerializer(eventSerializer)
                    .connectionProvider(new SpringDataSourceConnectionProvider(dataSource))
                    .transactionManager(transactions)
                    .batchSize(1000)
                    .appendEvents(hashChain(dataSource))
                    .build();
            target.createSchema(new H2EventTableFactory());
            long events = 0;
            long nanos = 0;
            try (Stream<? extends TrackedEventMessage<?>> all = source.readEvents(null, false)) {
                Iterator<? extends TrackedEventMessage<?>> iterator = all.iterator();
                List<EventMessage<?>> batch = new ArrayList<>(batchSize);
                while (iterator.hasNext()) {
                    batch.add(fresh(iterator.next()));
                    if (batch.size() == batchSize || !iterator.hasNext()) {
                        long start = System.nanoTime();
                        transactions.executeInTransaction(() -> target.appendEvents(batch));
                        nanos += System.nanoTime() - start;
                        events += batch.size();
                        batch.clear();
                        progress.accept(events);
                    }
                }
            }
            return new Result(events, nanos / 1e9);
        }
    }

    private static HashChain hashChain(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return HashChain.open(connection);
        }
    }

    private static EventMessage<?> fresh(TrackedEventMessage<?> event) {
        if (event instanceof DomainEventMessage<?> domain) {
            return new GenericDomainEventMessage<>(domain.getType(), domain.getAggregateIdentifier(),
                                                   domain.getSequenceNumber(), domain.getPayload(),
                                                   domain.getMetaData(), domain.getIdentifier(),
                                                   domain.getTimestamp());
        }
        return new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event.getPayload(),
                                               event.getMetaData(), event.getIdentifier(), event.getTimestamp());
    }
}
