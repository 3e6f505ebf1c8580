package ma.masar.query.infra;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.axonframework.eventhandling.async.SequentialPolicy;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/**
 * The read store: MongoDB, through Spring Boot's {@link MongoClient} ({@code spring.data.mongodb.uri}), database
 * {@code masar.mongo.database}.
 * <p>
 * Tokens live in the same database as the read models ({@link MongoTokenStore}, collection {@code trackingtokens}),
 * so a read store that is lost or wiped is rebuilt from the first event, never left half-empty behind a token that
 * says it is complete. See {@link ReadModelProcessors} for how the read models' processors use it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(QueryProcessorProperties.class)
public class ReadStoreConfiguration {

    @Bean
    public MongoDatabase readStore(MongoClient mongoClient, @Value("${masar.mongo.database:masar}") String database) {
        return mongoClient.getDatabase(database);
    }

    /**
     * The driver waits 30 s by default for a server to talk to; a request that finds the read store gone should hear
     * so in seconds (a 503 for a query, a command run without its idempotency record), not hold its thread for half a
     * minute. The processors retry on their own schedule either way.
     */
    @Bean
    public MongoClientSettingsBuilderCustomizer serverSelectionTimeout(
            @Value("${masar.mongo.server-selection-timeout-ms:3000}") long millis) {
        return settings -> settings.applyToClusterSettings(
                cluster -> cluster.serverSelectionTimeout(millis, TimeUnit.MILLISECONDS));
    }

    @Bean
    public MongoTokenStore tokenStore(MongoClient mongoClient,
                                      @Value("${masar.mongo.database:masar}") String database,
                                      @Qualifier("serializer") Serializer serializer) {
        return MongoTokenStore.builder()
                              .mongoTemplate(DefaultMongoTemplate.builder()
                                                                 .mongoDatabase(mongoClient, database)
                                                                 .build())
                              .serializer(serializer)
                              .build();
    }

    /** Events of one aggregate (a beneficiary, a centre) in order; different aggregates in parallel. */
    @Bean
    public SequentialPerAggregatePolicy sequentialPerAggregate() {
        return SequentialPerAggregatePolicy.instance();
    }

    /** Every event in the order of the event store, for read models that add up across aggregates. */
    @Bean
    public SequentialPolicy sequentialInGlobalOrder() {
        return new SequentialPolicy();
    }
}
