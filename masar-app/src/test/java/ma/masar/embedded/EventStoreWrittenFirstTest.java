package ma.masar.embedded;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.zaxxer.hikari.HikariDataSource;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * H2 lets other connections read a committed event before it writes it to its file; a crash in between takes the event
 * away. The read store must not commit what a processor did with such an event before the event is on disk.
 */
class EventStoreWrittenFirstTest {

    @Test
    void anEventAProcessorCouldReadIsInTheEventStoresFileBeforeTheReadStoreCommits() throws Exception {
        try (Stores stores = new Stores("file:")) {
            execute(stores.eventStore, "INSERT INTO events VALUES (1, 'BeneficiaryRegistered')");
            // H2 writing its file late, as a commit that waits for the store lock behind others does
            execute(stores.eventStore, "SET WRITE_DELAY 600000");
            execute(stores.eventStore, "INSERT INTO events VALUES (2, 'EnrolledInCentre')");
            assertThat(eventTypes(stores.eventStore)).as("what a processor reads")
                    .containsExactly("BeneficiaryRegistered", "EnrolledInCentre");
            assertThat(eventTypesAfterACrash(stores.directory, "crash-before"))
                    .as("what a crash would leave of the event store now").containsExactly("BeneficiaryRegistered");

            // the processor counts the enrolment it read, and the read store commits
            stores.count("enrolled");
            stores.readStore.commit();

            assertThat(eventTypesAfterACrash(stores.directory, "crash-after"))
                    .as("what a crash would leave of the event store once the read store committed the count")
                    .containsExactly("BeneficiaryRegistered", "EnrolledInCentre");
        }
    }

    /**
     * H2 counts a commit's changes as saved once it has laid them out, before its file has them: while another thread
     * writes them, the store has nothing unsaved. CI saw a centre's counts one completion ahead of the event store
     * after a SIGKILL during a rebuild.
     */
    @Test
    void anEventWhoseWriteIsUnderWayIsInTheFileBeforeTheReadStoreCommits() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (Stores stores = new Stores(HeldWrites.prefix())) {
            execute(stores.eventStore, "INSERT INTO events VALUES (1, 'BeneficiaryRegistered')");

            // a slow disk: the commit of the completion is visible, and its write to the file is under way
            HeldWrites.hold();
            Future<?> completion = threads.submit(() -> {
                execute(stores.eventStore, "INSERT INTO events VALUES (2, 'EnrolmentCompleted')");
                return null;
            });
            assertThat(HeldWrites.awaitHeldWrite(10)).as("the event store began writing the completion").isTrue();
            assertThat(eventTypes(stores.eventStore)).as("what a processor reads")
                    .containsExactly("BeneficiaryRegistered", "EnrolmentCompleted");
            assertThat(eventTypesAfterACrash(stores.directory, "crash-before"))
                    .as("what a crash would leave of the event store now").containsExactly("BeneficiaryRegistered");

            // the processor counts the completion it read, and the read store commits
            stores.count("completed");
            Future<?> readStoreCommit = threads.submit(stores.readStore::commit);
            Thread.sleep(500);
            assertThat(readStoreCommit.isDone()).as("the read store's commit waits for the event store's write")
                    .isFalse();

            HeldWrites.release();
            readStoreCommit.get(10, TimeUnit.SECONDS);
            completion.get(10, TimeUnit.SECONDS);
            assertThat(eventTypesAfterACrash(stores.directory, "crash-after"))
                    .as("what a crash would leave of the event store once the read store committed the count")
                    .containsExactly("BeneficiaryRegistered", "EnrolmentCompleted");
        } finally {
            HeldWrites.release();
            threads.shutdownNow();
        }
    }

    /** The read store on disk, an event store in H2 on the file system given, and the barrier between them. */
    private static final class Stores implements AutoCloseable {

        final Path directory;
        final PersistentReadStore readStore;
        final HikariDataSource eventStore;
        private final MongoServer server;
        private final MongoClient client;

        Stores(String fileSystem) throws Exception {
            directory = Files.createTempDirectory("masar-written-first-");
            readStore = PersistentReadStore.open(directory.resolve(PersistentReadStore.FILE_NAME),
                                                 Duration.ofHours(1), 16);
            server = new MongoServer(readStore);
            eventStore = eventStore(fileSystem + directory.resolve("events"));
            client = client(server);
            DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
            beans.registerSingleton("embeddedReadStore", readStore);
            beans.registerSingleton("dataSource", eventStore);
            new EventStoreWrittenFirst(beans.getBeanProvider(PersistentReadStore.class),
                                       beans.getBeanProvider(DataSource.class));
        }

        /** What a processor writes for an event it read: a centre's count. */
        void count(String field) {
            client.getDatabase("masar").getCollection("counters")
                  .insertOne(new Document("_id", "centre-1").append(field, 1));
        }

        @Override
        public void close() {
            client.close();
            eventStore.close();
            server.shutdownNow();
        }
    }

    private static HikariDataSource eventStore(String fileName) throws SQLException {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:" + fileName + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        dataSource.setMaximumPoolSize(3);
        execute(dataSource, "CREATE TABLE events (global_index BIGINT PRIMARY KEY, payload_type VARCHAR(100))");
        return dataSource;
    }

    /** The file as a SIGKILL would leave it: copied as it is on disk, then opened on its own. */
    private static List<String> eventTypesAfterACrash(Path directory, String name) throws Exception {
        Path copy = Files.createDirectories(directory.resolve(name)).resolve("events.mv.db");
        Files.copy(directory.resolve("events.mv.db"), copy);
        try (Connection connection = DriverManager.getConnection(
                "jdbc:h2:file:" + copy.getParent().resolve("events") + ";ACCESS_MODE_DATA=r")) {
            return eventTypes(connection);
        }
    }

    private static List<String> eventTypes(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return eventTypes(connection);
        }
    }

    private static List<String> eventTypes(Connection connection) throws SQLException {
        List<String> types = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT payload_type FROM events ORDER BY global_index")) {
            while (rows.next()) {
                types.add(rows.getString(1));
            }
        }
        return types;
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static MongoClient client(MongoServer server) {
        InetSocketAddress address = server.bind();
        return MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }
}
