package ma.masar.command.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GapReadsByIndexTest {

    private final EventSchema schema = new EventSchema();

    @Test
    void readsTheBatchAfterTheTokenAndItsGapsInOrder() throws Exception {
        try (Connection connection = eventTable(12)) {
            PreparedStatement statement = new GapReadsByIndex().build(connection, schema, 6, 3, List.of(2L, 4L));
            List<Long> read = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    read.add(rows.getLong(schema.globalIndexColumn()));
                }
            }
            assertThat(read).containsExactly(2L, 4L, 7L, 8L, 9L);
        }
    }

    /** Axon's default for this read walked the whole index at every fetch (BENCHMARKS.md, issue 16). */
    @Test
    void bothHalvesAreIndexLookUpsNotAWalkOfTheWholeStore() throws Exception {
        try (Connection connection = eventTable(3)) {
            String ours = plan(connection, new GapReadsByIndex().build(connection, schema, 2, 3, List.of(0L, 1L)));
            assertThat(ours).containsPattern("/\\* PUBLIC\\.\\w+: GLOBALINDEX > ")
                            .containsPattern("/\\* PUBLIC\\.\\w+: GLOBALINDEX IN\\(");
            String axons = plan(connection, JdbcEventStorageEngineStatements.readEventDataWithGaps(
                    connection, schema, 2, 3, List.of(0L, 1L)));
            assertThat(axons).as("Axon's default, for comparison").containsPattern("/\\* PUBLIC\\.\\w+ \\*/");
        }
    }

    /** H2's plan for the statement, with each parameter replaced by 1. */
    private static String plan(Connection connection, PreparedStatement statement) throws Exception {
        String sql = statement.toString().replaceAll("^prep\\d+: ", "").replaceAll(" \\{.*$", "");
        try (Statement explain = connection.createStatement();
             ResultSet rows = explain.executeQuery("EXPLAIN " + sql.replace("?", "1"))) {
            rows.next();
            return rows.getString(1);
        }
    }

    private Connection eventTable(int events) throws Exception {
        Connection connection = DriverManager.getConnection("jdbc:h2:mem:gaps" + System.nanoTime());
        new H2EventTableFactory().createDomainEventTable(connection, schema).execute();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO DomainEventEntry (globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type,"
                + " timeStamp, payloadType, payload) VALUES (?, ?, 'a', ?, 'T', '2010-01-01T00:00:00Z', 'P', X'00')")) {
            for (long index = 1; index <= events; index++) {
                insert.setLong(1, index);
                insert.setString(2, "e" + index);
                insert.setLong(3, index);
                insert.executeUpdate();
            }
        }
        return connection;
    }
}
