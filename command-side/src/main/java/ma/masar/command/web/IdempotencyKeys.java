package ma.masar.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import ma.masar.api.common.Rule;
import ma.masar.api.common.RuleViolation;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key}: a retried command returns the first result and stores nothing twice.
 * The first request inserts a PENDING record (unique {@code _id}: user and key), runs the command and
 * stores its response; a concurrent or later request with the same key waits for and returns that
 * response. A failed command removes its record so that the client may retry. The same key with a
 * different body is refused. Identifiers of new things are derived from the key as well
 * ({@link #idFor}), so a retry after the record has expired still cannot create a second case.
 * <p>
 * The records live in the command side's own database ({@code masar.command.database}, beside the read store's on
 * the same server): a read store wiped for a rebuild keeps them, and no read model is written by a command. When
 * it cannot be reached, a command runs without its record rather than not at all: the key-derived identifiers still
 * keep a retry from creating anything twice (it is refused as already existing instead of replayed). A record left PENDING longer than
 * a first request may take (its process died before recording the answer) is abandoned to the retry.
 */
@Component
public class IdempotencyKeys {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IdempotencyKeys.class);

    private static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(30);

    private final MongoClient mongo;
    private final MongoCollection<Document> records;
    private final ObjectMapper objectMapper;
    private final CurrentUser user;

    IdempotencyKeys(MongoClient mongo, @Value("${masar.command.database:masar_commands}") String database,
                    ObjectMapper objectMapper, CurrentUser user) {
        this.mongo = mongo;
        this.records = mongo.getDatabase(database).getCollection("command_idempotency");
        this.objectMapper = objectMapper;
        this.user = user;
    }

    /** Real MongoDB expires old keys after a day; the embedded stand-in keeps them for the process' life. */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    void declareIndexes() {
        try {
            records.createIndex(Indexes.ascending("createdAt"), new IndexOptions().expireAfter(1L, TimeUnit.DAYS));
        } catch (RuntimeException e) {
            log.warn("Could not declare the idempotency index now ({}); it is declared at the next start",
                    e.getClass().getSimpleName());
        }
    }

    /** A new identifier: random without a key, derived from user, key and purpose with one. */
    public String idFor(String idempotencyKey, String purpose) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return UUID.randomUUID().toString();
        }
        String seed = user.id() + "\n" + idempotencyKey + "\n" + purpose;
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    public ResponseEntity<Object> execute(String idempotencyKey, Object request,
                                          Supplier<ResponseEntity<Object>> command) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return command.get();
        }
        if (idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("Idempotency-Key is longer than 200 characters");
        }
        String id = user.id() + ":" + idempotencyKey;
        String fingerprint = fingerprint(request);
        if (!mongo.getClusterDescription().hasWritableServer()) {
            return withoutRecord(command, null);
        }
        try {
            return withRecord(id, fingerprint, command);
        } catch (ReadStoreUnavailable e) {
            return withoutRecord(command, e.getCause());
        }
    }

    private ResponseEntity<Object> withRecord(String id, String fingerprint, Supplier<ResponseEntity<Object>> command) {
        Instant deadline = Instant.now().plus(WAIT_FOR_FIRST);
        while (true) {
            if (claim(id, fingerprint)) {
                return runAndRecord(id, command);
            }
            Document existing = recordOp(() -> records.find(Filters.eq("_id", id)).first());
            if (existing == null) {
                continue; // the first attempt failed and released the key: try ourselves
            }
            if (!fingerprint.equals(existing.getString("fingerprint"))) {
                throw new RuleViolation(Rule.IdempotencyKeyReused,
                        "this Idempotency-Key was used for a different request");
            }
            if ("DONE".equals(existing.getString("state"))) {
                return replay(existing);
            }
            if (abandoned(existing)) {
                // only that very PENDING record: a request that claimed the key meanwhile keeps it
                recordOp(() -> records.deleteOne(Filters.and(Filters.eq("_id", id), Filters.eq("state", "PENDING"),
                        Filters.eq("createdAt", existing.getDate("createdAt")))));
                continue;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new RuleViolation(Rule.ConcurrentChange, "the first request with this key is still running");
            }
            sleep();
        }
    }

    /** PENDING for longer than any first request is waited for: its process died before recording the answer. */
    private static boolean abandoned(Document record) {
        Date created = record.getDate("createdAt");
        return created != null && created.toInstant().plus(WAIT_FOR_FIRST).isBefore(Instant.now());
    }

    private ResponseEntity<Object> withoutRecord(Supplier<ResponseEntity<Object>> command, Throwable why) {
        log.warn("Read store unavailable ({}): a command with an Idempotency-Key runs without its record",
                why == null ? "no writable server" : why.getClass().getSimpleName());
        return command.get();
    }

    private boolean claim(String id, String fingerprint) {
        try {
            records.insertOne(new Document("_id", id).append("fingerprint", fingerprint).append("state", "PENDING")
                    .append("createdAt", new Date()));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw new ReadStoreUnavailable(e);
        } catch (MongoException e) {
            throw new ReadStoreUnavailable(e);
        }
    }

    private ResponseEntity<Object> runAndRecord(String id, Supplier<ResponseEntity<Object>> command) {
        ResponseEntity<Object> response;
        try {
            response = command.get();
        } catch (RuntimeException e) {
            try {
                records.deleteOne(Filters.eq("_id", id));
            } catch (MongoException unreachable) {
                // the record stays PENDING; a retry abandons it after WAIT_FOR_FIRST
                log.warn("Could not release an Idempotency-Key after a failed command ({})",
                        unreachable.getClass().getSimpleName());
            }
            throw e;
        }
        URI location = response.getHeaders().getLocation();
        try {
            records.updateOne(Filters.eq("_id", id), Updates.combine(
                    Updates.set("state", "DONE"),
                    Updates.set("status", response.getStatusCode().value()),
                    Updates.set("location", location == null ? null : location.toString()),
                    Updates.set("body", toJson(response.getBody()))));
        } catch (MongoException e) {
            // the command's events are stored: its answer is the truth, whatever became of the record
            log.warn("Could not record the answer of a command with an Idempotency-Key ({})",
                    e.getClass().getSimpleName());
        }
        return response;
    }

    private static <T> T recordOp(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (MongoException e) {
            throw new ReadStoreUnavailable(e);
        }
    }

    /** A record operation found no read store: the command runs without its record. */
    private static final class ReadStoreUnavailable extends RuntimeException {
        ReadStoreUnavailable(MongoException cause) {
            super(cause);
        }
    }

    private ResponseEntity<Object> replay(Document record) {
        ResponseEntity.BodyBuilder builder = ResponseEntity.status(record.getInteger("status"))
                .header("Idempotent-Replayed", "true");
        if (record.getString("location") != null) {
            builder.header(HttpHeaders.LOCATION, record.getString("location"));
        }
        String body = record.getString("body");
        return builder.body(body == null ? null : fromJson(body));
    }

    private String fingerprint(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(objectMapper.writeValueAsBytes(request));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }

    private String toJson(Object body) {
        try {
            return body == null ? null : objectMapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot record the response", e);
        }
    }

    private Object fromJson(String body) {
        try {
            return objectMapper.readValue(body, Map.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot replay the response", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the first request", e);
        }
    }
}
