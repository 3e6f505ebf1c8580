package ma.masar.command.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HashChainTest {

    /** Each group's first event of a person looks up her previous hash: two index look-ups, never a walk. */
    @Test
    void thePreviousHashIsFoundByIndexLookUps() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:chain" + System.nanoTime())) {
            new H2EventTableFactory().createDomainEventTable(connection, new EventSchema()).execute();
            HashChain.open(connection);
            String plan = plan(connection, HashChain.STORED_HASH.replaceFirst("\\?", "'p-1'").replace("?", "1"));
            // the event by its (aggregate, sequence) index, its hash by the chain's primary key
            assertThat(plan).containsPattern("/\\* PUBLIC\\.\\w+: AGGREGATEIDENTIFIER = 'p-1'\\s+AND SEQUENCENUMBER = CAST\\(1 ")
                            .containsPattern("/\\* PUBLIC\\.PRIMARY_KEY_\\w+: EVENTIDENTIFIER = E\\.EVENTIDENTIFIER");
        }
    }

    private static String plan(Connection connection, String sql) throws Exception {
        try (Statement explain = connection.createStatement();
             ResultSet rows = explain.executeQuery("EXPLAIN " + sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
