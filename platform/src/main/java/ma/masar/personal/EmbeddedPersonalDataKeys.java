package ma.masar.personal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import ma.masar.storage.H2FileCompaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/**
 * The embedded mode's keys: an H2 file of their own ({@code data/keys.mv.db}), never the event store's, so that a
 * backup of the events alone holds no key. The URL must have {@code WRITE_DELAY=0}: a key is on disk before the
 * event it encrypted is acknowledged, otherwise a crash could leave stored events nobody can read.
 * <p>
 * A destroyed key's row stays, without the key, as the record that the person was erased. H2 writes pages anew
 * rather than in place, so the old bytes of a destroyed key can linger in free space of the file until H2 reuses it
 * (see the README); copies of this file are key material and must not be kept longer than needed.
 * <p>
 * Its connections come from HikariCP, as the event store's. H2's own pool ({@code JdbcConnectionPool}) wraps each
 * connection anew when it is taken and rolls it back when it is returned: in a JFR profile of the demo load (a tenth
 * of the 2010 population), taking the connection, preparing the statement and that rollback cost seven times the key's
 * lookup itself, about 7% of the whole process (BENCHMARKS.md, "Conflicts, sequences and keys").
 * <p>
 * The keys of a batch ({@link #storeNewKeysTogether}) are written in one transaction, on a connection the batch's
 * thread keeps until it commits: one durable commit of this file for a group's new people, where each new key was
 * one before (BENCHMARKS.md, "The hash chain by event, and a group's keys together"). The thread reads its own keys
 * on that connection; the others see them once committed, before any event they encrypt is stored.
 */
public final class EmbeddedPersonalDataKeys extends StoredPersonalDataKeys implements AutoCloseable {

    private static final String TABLE = "PersonalDataKey";
    private static final String DUPLICATE_KEY = "23505";
    /** Connections: about one per thread that records or reads events at the same moment (the loader's eight). */
    private static final int POOL_SIZE = 10;

    private final HikariDataSource pool;
    private final H2FileCompaction compaction;
    /** The connection of the batch this thread is in, its transaction open; none outside a batch. */
    private final ThreadLocal<Connection> batch = new ThreadLocal<>();

    public EmbeddedPersonalDataKeys(String jdbcUrl) {
        this(jdbcUrl, Duration.ofSeconds(5));
    }

    /** @param compactionPeriod how often the file is compacted ({@link H2FileCompaction}: one commit per new key) */
    public EmbeddedPersonalDataKeys(String jdbcUrl, Duration compactionPeriod) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("keys");
        config.setJdbcUrl(jdbcUrl);
        config.setUsername("masar");
        config.setPassword("");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        this.pool = new HikariDataSource(config);
        this.compaction = new H2FileCompaction("keys", pool, compactionPeriod);
        try (Connection connection = pool.getConnection();
             PreparedStatement create = connection.prepareStatement("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                     + "beneficiaryId VARCHAR(255) PRIMARY KEY, keyBytes VARBINARY(32), "
                     + "createdAt TIMESTAMP WITH TIME ZONE NOT NULL, destroyedAt TIMESTAMP WITH TIME ZONE)")) {
            create.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the personal-data key store", e);
        }
    }

    @Override
    public void storeNewKeysTogether(Runnable work) {
        if (batch.get() != null) {
            work.run();
            return;
        }
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            batch.set(connection);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                batch.remove();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a batch of personal-data keys", e);
        }
    }

    @Override
    protected boolean insertNew(String beneficiaryId, byte[] key) {
        try {
            return onConnection(connection -> {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO " + TABLE + " (beneficiaryId, keyBytes, createdAt) VALUES (?, ?, ?)")) {
                    insert.setString(1, beneficiaryId);
                    insert.setBytes(2, key);
                    insert.setTimestamp(3, Timestamp.from(Instant.now()));
                    insert.executeUpdate();
                    return true;
                }
            });
        } catch (SQLException e) {
            if (DUPLICATE_KEY.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("cannot store a personal-data key for beneficiary " + beneficiaryId, e);
        }
    }

    @Override
    public KeyState keyToDecrypt(String beneficiaryId) {
        try {
            return onConnection(connection -> {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT keyBytes, destroyedAt FROM " + TABLE + " WHERE beneficiaryId = ?")) {
                    select.setString(1, beneficiaryId);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            return KeyState.NONE;
                        }
                        if (row.getTimestamp(2) != null) {
                            return KeyState.DESTROYED;
                        }
                        return KeyState.of(AesKeys.key(row.getBytes(1)));
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the personal-data key of beneficiary " + beneficiaryId, e);
        }
    }

    private interface OnConnection<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** On the connection of this thread's batch, or on one of the pool's, returned after. */
    private <T> T onConnection(OnConnection<T> work) throws SQLException {
        Connection inBatch = batch.get();
        if (inBatch != null) {
            return work.apply(inBatch);
        }
        try (Connection connection = pool.getConnection()) {
            return work.apply(connection);
        }
    }

    @Override
    public void destroy(String beneficiaryId) {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection connection = pool.getConnection()) {
            int updated;
            try (PreparedStatement update = connection.prepareStatement("UPDATE " + TABLE
                    + " SET keyBytes = NULL, destroyedAt = ? WHERE beneficiaryId = ? AND destroyedAt IS NULL")) {
                update.setTimestamp(1, now);
                update.setString(2, beneficiaryId);
                updated = update.executeUpdate();
            }
            if (updated == 0) {
                // no key was ever created, or it is already destroyed: leave a tombstone unless one is there
                try (PreparedStatement tombstone = connection.prepareStatement("INSERT INTO " + TABLE
                        + " (beneficiaryId, keyBytes, createdAt, destroyedAt) VALUES (?, NULL, ?, ?)")) {
                    tombstone.setString(1, beneficiaryId);
                    tombstone.setTimestamp(2, now);
                    tombstone.setTimestamp(3, now);
                    tombstone.executeUpdate();
                } catch (SQLException e) {
                    if (!DUPLICATE_KEY.equals(e.getSQLState())) {
                        throw e;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot destroy the personal-data key of beneficiary " + beneficiaryId, e);
        }
    }

    @Override
    public void close() {
        compaction.close();
        pool.close();
    }
}
