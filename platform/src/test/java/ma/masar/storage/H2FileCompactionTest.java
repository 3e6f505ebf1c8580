package ma.masar.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2FileCompactionTest {

    private static final int COMMITS = 6_000;

    @TempDir
    Path directory;

    @Test
    void aStoreWrittenOneCommitAtATimeStaysSmallWhenCompacted() throws Exception {
        Written plain = write("plain", false);
        Written compacted = write("compacted", true);
        System.out.printf("H2 file after %d commits: %d KB without compaction, %d KB with it%n", COMMITS,
                          plain.fileBytes >> 10, compacted.fileBytes >> 10);

        assertThat(compacted.rows).isEqualTo(plain.rows).isEqualTo(COMMITS);
        assertThat(compacted.fileBytes).isLessThan(plain.fileBytes / 2);
    }

    @Test
    void anInMemoryDatabaseHasNothingToCompact() throws Exception {
        JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:compaction", "sa", "");
        try (Connection keepOpen = pool.getConnection();
             H2FileCompaction compaction = new H2FileCompaction("memory", pool, Duration.ofHours(1))) {
            assertThat(compaction.compactOnce().rewritten()).isFalse();
        } finally {
            pool.dispose();
        }
    }

    @Test
    void aPassLeavesTheChunksAloneWhileTheyAreAtLeastAsLiveAsItsFillRate() throws Exception {
        JdbcConnectionPool pool = filePool("loose");
        Random random = new Random(2);
        try (Connection keepOpen = pool.getConnection()) {   // closing the last connection would compact the file
            createTable(pool);
            for (int i = 0; i < 2_000; i++) {
                insert(pool, random, i);
            }
            int live = compactor(pool, 0).compactOnce().fillRateBefore();   // 0: never rewrites, only reads the rate
            assertThat(live).as("share of the chunks' space that is live").isBetween(5, 90);

            H2FileCompaction.Pass lenient = compactor(pool, live).compactOnce();
            assertThat(lenient.rewritten()).as("a pass whose fill rate is the store's").isFalse();
            assertThat(lenient.fillRateAfter()).isEqualTo(live);

            H2FileCompaction.Pass strict = compactor(pool, live + 10).compactOnce();
            assertThat(strict.rewritten()).as("a pass whose fill rate is above the store's").isTrue();
        } finally {
            pool.dispose();
        }
    }

    /**
     * Commands committed in groups write chunks whose live pages are larger than a pass: the passes still rewrite
     * them, one at a time, and the chunks become more live. With passes held to their size (as before), only the
     * few small chunks were ever rewritten.
     */
    @Test
    void aPassRewritesAChunkWhoseLivePagesAreLargerThanThePass() throws Exception {
        JdbcConnectionPool pool = filePool("groups");
        Random random = new Random(4);
        try (Connection keepOpen = pool.getConnection()) {   // closing the last connection would compact the file
            createTable(pool);
            for (int group = 0; group < 20; group++) {
                try (Connection connection = pool.getConnection()) {
                    connection.setAutoCommit(false);
                    for (int i = 0; i < 300; i++) {   // 300 rows of 600 bytes: a chunk of about 200 KB live
                        insert(connection, random, group * 300L + i);
                    }
                    connection.commit();
                }
            }
            int smallPass = 1024;
            try (H2FileCompaction compaction = new H2FileCompaction("groups", pool, Duration.ofHours(1), 100,
                                                                    smallPass, smallPass)) {
                int before = compaction.compactOnce().fillRateBefore();
                for (int i = 0; i < 60; i++) {
                    compaction.compactOnce();
                    EmbeddedH2.storeOf(keepOpen).commit();   // writes what the pass moved, frees what it emptied
                }
                int after = compaction.compactOnce().fillRateBefore();
                System.out.printf("chunks of group commits: %d%% live, %d%% after passes of 1 KB%n", before, after);
                assertThat(after).as("share of the chunks' space that is live after the passes")
                                 .isGreaterThanOrEqualTo(before + 20);
            }
        } finally {
            pool.dispose();
        }
    }

    /** A compaction that never runs by itself (a period of an hour): the test calls its passes. */
    private static H2FileCompaction compactor(JdbcConnectionPool pool, int fillRate) {
        H2FileCompaction compaction = new H2FileCompaction("loose", pool, Duration.ofHours(1), fillRate,
                                                           H2FileCompaction.DEFAULT_WRITE_BYTES,
                                                           H2FileCompaction.DEFAULT_WRITE_BYTES);
        compaction.close();   // stops its timer; compactOnce still works on the pool
        return compaction;
    }

    /**
     * A file database written as the event store's is, every commit at once. RETENTION_TIME=0 lets H2 reuse a freed
     * chunk at once, so that the test need not wait the 45 s a running system keeps them for.
     */
    private JdbcConnectionPool filePool(String name) {
        return JdbcConnectionPool.create("jdbc:h2:file:" + directory.resolve(name) + ";WRITE_DELAY=0;RETENTION_TIME=0",
                                         "sa", "");
    }

    /**
     * Rows as the event store writes them, one transaction each, keyed at random as case ids are, so that every
     * commit changes pages all over the indexes.
     */
    private Written write(String name, boolean compacted) throws Exception {
        JdbcConnectionPool pool = filePool(name);
        Random random = new Random(1);
        try (H2FileCompaction compaction = new H2FileCompaction(name, pool, Duration.ofHours(1))) {
            createTable(pool);
            for (int i = 0; i < COMMITS; i++) {
                insert(pool, random, i);
                if (compacted && i % 100 == 99) {
                    compaction.compactOnce();
                }
            }
            try (Connection connection = pool.getConnection(); Statement count = connection.createStatement();
                 ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM Entry")) {
                rows.next();
                return new Written(rows.getLong(1), Files.size(directory.resolve(name + ".mv.db")));
            }
        } finally {
            pool.dispose();
        }
    }

    private static void createTable(JdbcConnectionPool pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement create = connection.createStatement()) {
            create.execute("CREATE TABLE Entry (globalIndex BIGINT AUTO_INCREMENT PRIMARY KEY, "
                           + "eventIdentifier VARCHAR(255) NOT NULL UNIQUE, aggregateIdentifier VARCHAR(255), "
                           + "sequenceNumber BIGINT, payload VARBINARY(2000), "
                           + "UNIQUE (aggregateIdentifier, sequenceNumber))");
        }
    }

    /** One row in a transaction of its own, as one command's event is committed. */
    private static void insert(JdbcConnectionPool pool, Random random, long sequence) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            insert(connection, random, sequence);
        }
    }

    private static void insert(Connection connection, Random random, long sequence) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO Entry (eventIdentifier, aggregateIdentifier, sequenceNumber, payload) "
                     + "VALUES (?, ?, ?, ?)")) {
            byte[] payload = new byte[600];
            random.nextBytes(payload);
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, "b-" + random.nextInt(1_000_000));
            insert.setLong(3, sequence);
            insert.setBytes(4, payload);
            insert.executeUpdate();
        }
    }

    private record Written(long rows, long fileBytes) {
    }
}
