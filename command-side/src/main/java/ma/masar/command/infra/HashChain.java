package ma.masar.command.infra;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Appends events exactly as Axon's JDBC engine does, and in the same transaction records a hash chain per
 * aggregate in {@code EventHashChain}: each event's hash covers its stored bytes (identifier, aggregate,
 * sequence, type, timestamp, payload type and revision, payload and metadata) and the hash of the
 * aggregate's previous event. An edited, removed or smuggled-in stored event no longer fits the chain,
 * and {@link EventStoreVerifier} names it. A duplicate (aggregate, sequence) fails here as in the event
 * table, so concurrent appends still surface as Axon's concurrency errors.
 */
final class HashChain implements AppendEventsStatementBuilder {

    static final String TABLE = "EventHashChain";
    static final String GENESIS = "0".repeat(64);

    static void createTable(Connection connection) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + "aggregateIdentifier VARCHAR(255) NOT NULL, sequenceNumber BIGINT NOT NULL, "
                + "eventIdentifier VARCHAR(255) NOT NULL, prevHash CHAR(64) NOT NULL, hash CHAR(64) NOT NULL, "
                + "PRIMARY KEY (aggregateIdentifier, sequenceNumber))")) {
            create.execute();
        }
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        PreparedStatement append = connection.prepareStatement("INSERT INTO " + schema.domainEventTable()
                + " (" + schema.domainEventFields() + ") VALUES (?,?,?,?,?,?,?,?,?)");
        Map<String, String> lastInBatch = new HashMap<>();
        try (PreparedStatement chain = connection.prepareStatement("INSERT INTO " + TABLE
                + " (aggregateIdentifier, sequenceNumber, eventIdentifier, prevHash, hash) VALUES (?,?,?,?,?)")) {
            for (EventMessage<?> message : events) {
                DomainEventMessage<?> event = asDomainEvent(message);
                SerializedObject<?> payload = event.serializePayload(serializer, dataType);
                SerializedObject<?> metaData = event.serializeMetaData(serializer, dataType);
                append.setString(1, event.getIdentifier());
                append.setString(2, event.getAggregateIdentifier());
                append.setLong(3, event.getSequenceNumber());
                append.setString(4, event.getType());
                timestampWriter.writeTimestamp(append, 5, event.getTimestamp());
                append.setString(6, payload.getType().getName());
                append.setString(7, payload.getType().getRevision());
                append.setObject(8, payload.getData());
                append.setObject(9, metaData.getData());
                append.addBatch();

                String prev = lastInBatch.get(event.getAggregateIdentifier());
                if (prev == null) {
                    prev = storedHash(connection, event.getAggregateIdentifier(), event.getSequenceNumber() - 1);
                }
                String hash = hash(prev, event.getIdentifier(), event.getAggregateIdentifier(),
                        event.getSequenceNumber(), event.getType(), DateTimeUtils.formatInstant(event.getTimestamp()),
                        payload.getType().getName(), payload.getType().getRevision(),
                        bytes(payload.getData()), bytes(metaData.getData()));
                lastInBatch.put(event.getAggregateIdentifier(), hash);
                chain.setString(1, event.getAggregateIdentifier());
                chain.setLong(2, event.getSequenceNumber());
                chain.setString(3, event.getIdentifier());
                chain.setString(4, prev);
                chain.setString(5, hash);
                chain.addBatch();
            }
            chain.executeBatch();
        } catch (SQLException | RuntimeException e) {
            append.close();
            throw e;
        }
        return append;
    }

    /** The recorded hash of an aggregate's event, or the genesis value before its first one. */
    static String storedHash(Connection connection, String aggregateIdentifier, long sequenceNumber)
            throws SQLException {
        if (sequenceNumber < 0) {
            return GENESIS;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT hash FROM " + TABLE
                + " WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            query.setString(1, aggregateIdentifier);
            query.setLong(2, sequenceNumber);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : GENESIS;
            }
        }
    }

    static String hash(String prev, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                       String type, String timestamp, String payloadType, String payloadRevision,
                       byte[] payload, byte[] metaData) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[]{prev, eventIdentifier, aggregateIdentifier, Long.toString(sequenceNumber),
                    type, timestamp, payloadType, payloadRevision}) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            digest.update(payload);
            digest.update((byte) 0);
            digest.update(metaData);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    private static byte[] bytes(Object data) {
        return data instanceof byte[] b ? b : String.valueOf(data).getBytes(StandardCharsets.UTF_8);
    }

    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> event) {
        return event instanceof DomainEventMessage<?> domain ? domain
                : new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }
}
