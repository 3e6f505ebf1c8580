package ma.masar.command.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.connection.ClusterDescription;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * MongoDB in {@code /actuator/health} (component {@code mongo}). Spring Boot's own indicator needs Spring Data's
 * MongoTemplate, which Masar does not use: this one asks the plain driver. It answers DOWN at once when the driver
 * sees no writable server instead of waiting for the driver's 30 s server selection, so a health probe never hangs.
 */
@Component("mongoHealthIndicator")
class MongoHealth extends AbstractHealthIndicator {

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
            builder.down().withDetail("cluster", cluster.getShortDescription());
            return;
        }
        Document answer = mongo.getDatabase(database).runCommand(new Document("ping", 1));
        builder.up().withDetail("database", database).withDetail("ok", answer.get("ok"));
    }
}
