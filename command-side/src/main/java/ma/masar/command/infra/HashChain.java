package ma.masar.command.infra;

import ma.masar.personal.PersonalDataKeys;
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
import java.util.function.Consumer;

/**
 * Appends events exactly as Axon's JDBC engine does, and in the same transaction records a hash chain per
 * aggregate in {@value #TABLE}: each event's hash covers its stored bytes (identifier, aggregate,
 * sequence, type, timestamp, payload type and revision, payload and metadata) and the hash of the
 * aggregate's previous event. An edited, removed or smuggled-in stored event no longer fits the chain,
 * and {@link EventStoreVerifier} names it. A duplicate (aggregate, sequence) fails in the event table, so
 * concurrent appends still surface as Axon's concurrency errors.
 * <p>
 * The chain is keyed by the event's identifier, which is time-ordered ({@link MessageIdentifiers}): a commit adds its
 * entries at the end of the table's trees. Until 2026-12-07 it was {@value #LEGACY_TABLE}, keyed by aggregate and
 * sequence like the event table's own index, with the hashes as hexadecimal text: people's identifiers are random, so
 * each event rewrote a leaf page of that index somewhere in the file at its commit, and the table took about 40% of
 * the event store's file and a tenth of the demo load's processor time (BENCHMARKS.md, "The hash chain by event").
 * A file written before keeps that table as it is (a stored hash is never rewritten): it is read where it exists,
 * for the events it chains, and never written again.
 */
final class HashChain implements AppendEventsStatementBuilder {

    static final String TABLE = "EventHash";
    static final String LEGACY_TABLE = "EventHashChain";
    static final String GENESIS = "0".repeat(64);
    private static final HexFormat HEX = HexFormat.of();

    private final boolean legacy;
    private final Consumer<Runnable> keysTogether;

    private HashChain(boolean legacy, Consumer<Runnable> keysTogether) {
        this.legacy = legacy;
        this.keysTogether = keysTogether;
    }

    /**
     * Creates the chain's table if needed, and notes whether the file also holds the chain as written before. The
     * events of one append are serialized first, in one batch of {@code keys}: the keys of the people they encrypt
     * for the first time are stored together, durably, before any of the events.
     */
    static HashChain open(Connection connection, PersonalDataKeys keys) throws SQLException {
        return open(connection, keys::storeNewKeysTogether);
    }

    /** As above, for events whose serializer stores its keys itself as it goes, or has none. */
    static HashChain open(Connection connection) throws SQLException {
        return open(connection, Runnable::run);
    }

    private static HashChain open(Connection connection, Consumer<Runnable> keysTogether) throws SQLException {
        try (PreparedStatement create = connection.prepareStatement("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                + "eventIdentifier VARCHAR(255) NOT NULL PRIMARY KEY, aggregateIdentifier VARCHAR(255) NOT NULL, "
                + "sequenceNumber BIGINT NOT NULL, prevHash BINARY(32) NOT NULL, hash BINARY(32) NOT NULL)")) {
            create.execute();
        }
        return new HashChain(hasLegacyTable(connection), keysTogether);
    }

    static boolean hasLegacyTable(Connection connection) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, LEGACY_TABLE.toUpperCase(), null)) {
            return tables.next();
        }
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        PreparedStatement append = connection.prepareStatement("INSERT INTO " + schema.domainEventTable()
                + " (" + schema.domainEventFields() + ") VALUES (?,?,?,?,?,?,?,?,?)");
        Map<String, String> lastInBatch = new HashMap<>();
        try {
            // serialized once here, kept by each message for the loop below
            keysTogether.accept(() -> events.forEach(event -> event.serializePayload(serializer, dataType)));
        } catch (RuntimeException e) {
            append.close();
            throw e;
        }
        try (PreparedStatement chain = connection.prepareStatement("INSERT INTO " + TABLE
                + " (eventIdentifier, aggregateIdentifier, sequenceNumber, prevHash, hash) VALUES (?,?,?,?,?)")) {
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
                    prev = storedHash(connection, legacy, event.getAggregateIdentifier(),
                                      event.getSequenceNumber() - 1);
                }
                String hash = hash(prev, event.getIdentifier(), event.getAggregateIdentifier(),
                        event.getSequenceNumber(), event.getType(), DateTimeUtils.formatInstant(event.getTimestamp()),
                        payload.getType().getName(), payload.getType().getRevision(),
                        bytes(payload.getData()), bytes(metaData.getData()));
                lastInBatch.put(event.getAggregateIdentifier(), hash);
                chain.setString(1, event.getIdentifier());
                chain.setString(2, event.getAggregateIdentifier());
                chain.setLong(3, event.getSequenceNumber());
                chain.setBytes(4, HEX.parseHex(prev));
                chain.setBytes(5, HEX.parseHex(hash));
                chain.addBatch();
            }
            chain.executeBatch();
        } catch (SQLException | RuntimeException e) {
            append.close();
            throw e;
        }
        return append;
    }

    /** An event's hash by its aggregate and sequence: the event table's index, then the chain's primary key. */
    static final String STORED_HASH = "SELECT h.hash FROM DomainEventEntry e JOIN " + TABLE
            + " h ON h.eventIdentifier = e.eventIdentifier WHERE e.aggregateIdentifier = ? AND e.sequenceNumber = ?";

    /** The recorded hash of an aggregate's event, or the genesis value before its first one. */
    static String storedHash(Connection connection, boolean legacy, String aggregateIdentifier, long sequenceNumber)
            throws SQLException {
        if (sequenceNumber < 0) {
            return GENESIS;
        }
        try (PreparedStatement query = connection.prepareStatement(STORED_HASH)) {
            query.setString(1, aggregateIdentifier);
            query.setLong(2, sequenceNumber);
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    return HEX.formatHex(row.getBytes(1));
                }
            }
        }
        if (!legacy) {
            return GENESIS;
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT hash FROM " + LEGACY_TABLE
                + " WHERE aggregateIdentifier = ? AND sequenceNumber = ?")) {
            query.setString(1, aggregateIdentifier);
            query.setLong(2, sequenceNumber);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : GENESIS;
            }
        }
    }

    /** A hash as stored in {@value #TABLE}, in the hexadecimal form the chain is computed and reported in. */
    static String hex(byte[] hash) {
        return hash == null ? null : HEX.formatHex(hash);
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
            return HEX.formatHex(digest.digest());
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
