package ma.masar.storage;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.db.Store;

/**
 * The store under an H2 database opened in this JVM, for what SQL does not offer (compaction, a forced write, the
 * bytes written).
 */
public final class EmbeddedH2 {

    private EmbeddedH2() {
    }

    /**
     * The MVStore of the database {@code connection} leads to, or {@code null} when it is not an H2 database opened
     * in this JVM (another database, or an H2 server, whose own process keeps its file).
     */
    public static MVStore storeOf(Connection connection) throws SQLException {
        if (!connection.isWrapperFor(JdbcConnection.class)) {
            return null;
        }
        if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)) {
            return null;
        }
        Store store = session.getDatabase().getStore();
        return store == null ? null : store.getMvStore();
    }

    /** What H2 counts as written to the store's file since it was opened; it gives the count out in its report only. */
    public static long writtenBytes(MVStore store) {
        long[] written = {0};
        store.populateInfo((name, value) -> {
            if ("info.FILE_WRITE_BYTES".equals(name)) {
                written[0] = Long.parseLong(value);
            }
        });
        return written[0];
    }
}
