package ma.masar.command.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.ReadEventDataWithGapsStatementBuilder;

/**
 * How the embedded event store reads the next events for a tracking processor whose token has gaps (events of
 * transactions that had not committed when it read past them): the batch after the token, and the gaps, as two
 * look-ups on the global index joined by {@code UNION ALL}.
 * <p>
 * Axon's default, {@code WHERE (globalIndex > ? AND globalIndex <= ?) OR globalIndex IN (...)}, is planned by H2 as
 * a walk of the whole primary index ({@code EXPLAIN} shows no index condition), so every fetch reads every event ever
 * stored. With eight commands in flight there are nearly always gaps, and at the 2010 population (1.2 million events)
 * the thread that feeds the read models spent its time in that scan: read models fell ever further behind the load
 * (BENCHMARKS.md, issue 16). Each half of the union is an index range or an index look-up.
 */
final class GapReadsByIndex implements ReadEventDataWithGapsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                   List<Long> gaps) throws SQLException {
        String select = "SELECT " + schema.trackedEventFields() + " FROM " + schema.domainEventTable() + " WHERE ";
        String sql = select + schema.globalIndexColumn() + " > ? AND " + schema.globalIndexColumn() + " <= ?"
                     + " UNION ALL " + select + schema.globalIndexColumn() + " IN ("
                     + String.join(",", Collections.nCopies(gaps.size(), "?")) + ")"
                     + " ORDER BY " + schema.globalIndexColumn() + " ASC";
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setLong(1, globalIndex);
        statement.setLong(2, globalIndex + batchSize);
        for (int i = 0; i < gaps.size(); i++) {
            statement.setLong(i + 3, gaps.get(i));
        }
        return statement;
    }
}
