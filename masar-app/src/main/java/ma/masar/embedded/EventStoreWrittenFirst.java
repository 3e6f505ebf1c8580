package ma.masar.embedded;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import ma.masar.storage.EmbeddedH2;
import org.h2.mvstore.MVStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Keeps the read store's file behind the event store's: before the read store commits ({@link PersistentReadStore}),
 * the event store's H2 file is written up to every event any connection can read.
 * <p>
 * Why it is needed. H2 commits a transaction in two steps: its rows become visible to the other connections, then the
 * committing thread writes the store ({@code WRITE_DELAY=0}), waiting for H2's store lock behind the other commits
 * (43 ms on average under the benchmark's load, BENCHMARKS.md). The command is acknowledged only after the second
 * step, so a SIGKILL between them loses nothing acknowledged. But a read model's processor can read the event in
 * between, and if the read store commits what it did before the kill, the read models count an event the event store
 * no longer has: CI saw a centre's enrolments counted one more than a rebuild of the store after a kill during an
 * import. Writing the event store first ({@link MVStore#commit()}, which waits for the lock and writes whatever is
 * visible and not yet on disk) closes that window.
 * <p>
 * In production Axon Server stores an event before any processor can read it; this exists only with the embedded
 * read store on disk, whose event store must then be an H2 database in this JVM.
 */
@Component
class EventStoreWrittenFirst implements Runnable {

    private final DataSource dataSource;
    private volatile MVStore events;

    EventStoreWrittenFirst(ObjectProvider<PersistentReadStore> readStore, ObjectProvider<DataSource> dataSource) {
        this.dataSource = dataSource.getIfAvailable();
        readStore.ifAvailable(store -> {
            this.events = open();
            store.writeAfter(this);
        });
    }

    /**
     * Writes every event that a connection can read; throws when that cannot be known to have happened.
     * <p>
     * It commits even when H2 has nothing unsaved: H2 counts a commit's changes as saved once it has laid them out
     * in pages, before its file has them, so while another thread (a command's commit) is writing them, "nothing
     * unsaved" does not mean "on disk". {@link MVStore#commit()} waits for H2's store lock, which that thread holds
     * until its write is done. Until 2026-12-06 this returned at once when nothing was unsaved: CI saw a centre's
     * counts one completion ahead of the event store after a SIGKILL during a rebuild.
     */
    @Override
    public void run() {
        MVStore store = events;
        if (store.isClosed()) {
            if (store.getPanicException() != null) {
                throw new IllegalStateException("the event store stopped after a failure; the read store waits",
                                                store.getPanicException());
            }
            // closed as the application stops (its last connection closed): closing wrote everything
            if (dataSource instanceof HikariDataSource pool && pool.isClosed()) {
                return;
            }
            events = store = open();
        }
        store.commit();
    }

    private MVStore open() {
        if (dataSource == null) {
            throw new IllegalStateException("The embedded read store on disk needs the embedded event store");
        }
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = EmbeddedH2.storeOf(connection);
            if (store == null) {
                throw new IllegalStateException("The embedded read store on disk needs the event store in an H2 "
                                                + "database of this JVM (spring.datasource.url jdbc:h2:file:...)");
            }
            return store;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the event store's database: " + e.getMessage(), e);
        }
    }
}
