package ma.masar.embedded;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import ma.masar.storage.EmbeddedH2;
import org.h2.mvstore.MVStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How many bytes the embedded event store and read store have written to their files since the start
 * ({@code masar_store_written_bytes_total}, tag {@code store}): beside the files' sizes, what their commits cost the
 * disk. H2 rewrites every page a commit touched, whole and compressed: over the scale-1 load the event store wrote
 * 2.0 times its file and the read store 1.4 times (BENCHMARKS.md, twentieth session). Not in production, where Axon
 * Server and MongoDB keep their own figures.
 */
@Component
class StoreWrites implements MeterBinder {

    private static final String NAME = "masar.store.written";

    private final ObjectProvider<PersistentReadStore> readStore;
    private final ObjectProvider<DataSource> dataSource;
    private final AtomicLong eventsLastSeen = new AtomicLong();
    private final AtomicLong readStoreLastSeen = new AtomicLong();

    StoreWrites(ObjectProvider<PersistentReadStore> readStore, ObjectProvider<DataSource> dataSource) {
        this.readStore = readStore;
        this.dataSource = dataSource;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (dataSource.getIfAvailable() != null) {
            FunctionCounter.builder(NAME, this, StoreWrites::eventStoreBytes).baseUnit("bytes").tag("store", "events")
                           .description("bytes written to the event store's file since the start")
                           .register(registry);
        }
        readStore.ifAvailable(store -> FunctionCounter.builder(NAME, store, this::readStoreBytes)
                .baseUnit("bytes").tag("store", "readstore")
                .description("bytes written to the read store's file since the start").register(registry));
    }

    /** The event store's count, through one of its connections; the last count seen when it cannot be reached. */
    private double eventStoreBytes() {
        try (Connection connection = dataSource.getObject().getConnection()) {
            MVStore store = EmbeddedH2.storeOf(connection);
            if (store != null && !store.isClosed()) {
                eventsLastSeen.accumulateAndGet(EmbeddedH2.writtenBytes(store), Math::max);
            }
        } catch (SQLException | RuntimeException e) {
            // stopping, or not an H2 database of this JVM: the counter keeps its last value
        }
        return eventsLastSeen.get();
    }

    /** The read store's count; the last count seen once it is closed. */
    private double readStoreBytes(PersistentReadStore store) {
        try {
            readStoreLastSeen.accumulateAndGet(store.bytesWritten(), Math::max);
        } catch (RuntimeException e) {
            // closed as the application stops: the counter keeps its last value
        }
        return readStoreLastSeen.get();
    }
}
