package ma.masar.command.infra;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterDescription;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * MongoDB in {@code /actuator/health} (component {@code mongo}). Spring Boot's own indicator needs Spring Data's
 * MongoTemplate, which Masar does not use: this one asks the plain driver. It answers DOWN at once when the driver
 * sees no writable server instead of waiting for the driver's 30 s server selection, so a health probe never hangs.
 * <p>
 * The read store going away is {@link #DEGRADED}, not DOWN: commands are still accepted and stored (the event store is
 * the write side's only need), and the read models catch up when it returns; only queries wait. A probe that took the
 * service out for it would refuse the commands too. {@code management.endpoint.health.status} in the settings ranks
 * DEGRADED below DOWN and answers it with HTTP 200, so an event store that is DOWN still makes the service DOWN (503).
 */
@Component("mongoHealthIndicator")
class MongoHealth extends AbstractHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED",
            "read store unreachable: commands are accepted, queries and read models wait for it");

    private final MongoClient mongo;
    private final String database;

    MongoHealth(MongoClient mongo, @Value("${masar.mongo.database:masar}") String database) {
        super("MongoDB health check failed");
        this.mongo = mongo;
        this.database = database;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ClusterDescription cluster = mongo.getClusterDescription();
        if (!cluster.hasWritableServer()) {
            builder.status(DEGRADED).withDetail("cluster", cluster.getShortDescription());
            return;
        }
        Document answer;
        try {
            answer = mongo.getDatabase(database).runCommand(new Document("ping", 1));
        } catch (MongoException e) {
            // gone between the driver's last look and the ping
            builder.status(DEGRADED).withDetail("error", e.getClass().getSimpleName());
            return;
        }
        builder.up().withDetail("database", database).withDetail("ok", answer.get("ok"));
    }
}
