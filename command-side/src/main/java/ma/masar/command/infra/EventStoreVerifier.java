package ma.masar.command.infra;

import ma.masar.api.audit.EventStoreVerified;
import ma.masar.api.audit.EventStoreVerified.Break;
import ma.masar.api.audit.EventStoreVerified.Problem;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Recomputes the embedded event store's hash chain from the stored rows, streaming them in global order,
 * and names every event that no longer fits: edited, removed, smuggled in, or relinked. Read-only: it
 * reports, it repairs nothing (a correction is a new event, never an edit).
 */
@Component
@Profile("!axonserver")
class EventStoreVerifier {

    private static final Logger log = LoggerFactory.getLogger(EventStoreVerifier.class);
    private static final int MAX_REPORTED = 1000;

    private final DataSource dataSource;

    EventStoreVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @QueryHandler
    public EventStoreVerified verify(ma.masar.api.audit.VerifyEventStore query) throws SQLException {
        long started = System.nanoTime();
        List<Break> broken = new ArrayList<>();
        Map<String, long[]> lastSequence = new HashMap<>();
        Map<String, String> lastHash = new HashMap<>();
        long checked = 0;
        try (Connection connection = dataSource.getConnection()) {
            boolean legacy = HashChain.hasLegacyTable(connection);
            try (PreparedStatement rows = connection.prepareStatement(
                    "SELECT e.eventIdentifier, e.aggregateIdentifier, e.sequenceNumber, e.type, e.timeStamp, "
                            + "e.payloadType, e.payloadRevision, e.payload, e.metaData, h.prevHash, h.hash"
                            + (legacy ? ", c.prevHash, c.hash" : "")
                            + " FROM DomainEventEntry e LEFT JOIN " + HashChain.TABLE + " h "
                            + "ON h.eventIdentifier = e.eventIdentifier"
                            + (legacy ? " LEFT JOIN " + HashChain.LEGACY_TABLE + " c ON c.aggregateIdentifier = "
                                        + "e.aggregateIdentifier AND c.sequenceNumber = e.sequenceNumber" : "")
                            + " ORDER BY e.globalIndex")) {
                rows.setFetchSize(1000);
                try (ResultSet row = rows.executeQuery()) {
                    while (row.next()) {
                        checked++;
                        String eventId = row.getString(1);
                        String aggregate = row.getString(2);
                        long sequence = row.getLong(3);
                        String payloadType = row.getString(6);
                        byte[] chained = row.getBytes(11);
                        String prevHash = chained != null ? HashChain.hex(row.getBytes(10))
                                : legacy ? row.getString(12) : null;
                        String hash = chained != null ? HashChain.hex(chained) : legacy ? row.getString(13) : null;
                        long[] last = lastSequence.computeIfAbsent(aggregate, a -> new long[]{-1});
                        if (sequence > last[0] + 1) {
                            report(broken, new Break(Problem.REMOVED, null, aggregate, last[0] + 1, null));
                        }
                        last[0] = sequence;
                        if (hash == null) {
                            report(broken, new Break(Problem.UNCHAINED, eventId, aggregate, sequence, payloadType));
                            continue;
                        }
                        String expectedPrev = lastHash.getOrDefault(aggregate, sequence == 0 ? HashChain.GENESIS : null);
                        if (expectedPrev != null && !expectedPrev.equals(prevHash)) {
                            report(broken, new Break(Problem.BROKEN_LINK, eventId, aggregate, sequence, payloadType));
                        }
                        String recomputed = HashChain.hash(prevHash, eventId, aggregate, sequence, row.getString(4),
                                row.getString(5), payloadType, row.getString(7), row.getBytes(8), row.getBytes(9));
                        if (!recomputed.equals(hash)) {
                            report(broken, new Break(Problem.EDITED, eventId, aggregate, sequence, payloadType));
                        }
                        lastHash.put(aggregate, hash);
                    }
                }
            }
            // a chain entry whose event is gone: the removal of an aggregate's last events
            reportOrphans(connection, broken, "SELECT h.eventIdentifier, h.aggregateIdentifier, h.sequenceNumber FROM "
                    + HashChain.TABLE + " h LEFT JOIN DomainEventEntry e ON e.eventIdentifier = h.eventIdentifier "
                    + "WHERE e.eventIdentifier IS NULL");
            if (legacy) {
                reportOrphans(connection, broken, "SELECT c.eventIdentifier, c.aggregateIdentifier, c.sequenceNumber "
                        + "FROM " + HashChain.LEGACY_TABLE + " c LEFT JOIN DomainEventEntry e "
                        + "ON e.aggregateIdentifier = c.aggregateIdentifier AND e.sequenceNumber = c.sequenceNumber "
                        + "WHERE e.eventIdentifier IS NULL");
            }
        }
        log.info("Event store verified: {} events in {} ms, {} breaks", checked,
                (System.nanoTime() - started) / 1_000_000, broken.size());
        return new EventStoreVerified(true, checked, broken);
    }

    private static void reportOrphans(Connection connection, List<Break> broken, String orphans) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(orphans); ResultSet row = query.executeQuery()) {
            while (row.next()) {
                Break removed = new Break(Problem.REMOVED, row.getString(1), row.getString(2), row.getLong(3), null);
                if (!broken.contains(removed)) {
                    report(broken, removed);
                }
            }
        }
    }

    private static void report(List<Break> broken, Break found) {
        if (broken.size() < MAX_REPORTED) {
            broken.add(found);
        }
    }
}
