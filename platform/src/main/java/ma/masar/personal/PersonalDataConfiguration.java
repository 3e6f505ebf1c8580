package ma.masar.personal;

import com.mongodb.client.MongoClient;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Profile;

import java.time.Duration;

/**
 * Crypto-shredding for every application that reads or writes events (the command side, the query side, the
 * embedded application): the {@code eventSerializer} is Axon's general JSON serializer wrapped in
 * {@link CryptoShreddingSerializer}, and the keys come from their own store, an H2 file in the embedded mode and a
 * MongoDB database of their own with Axon Server. Runs before Axon's auto-configuration, which then keeps this
 * {@code eventSerializer} instead of making its own.
 */
@AutoConfiguration(beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
public class PersonalDataConfiguration {

    @Bean
    @Profile("!axonserver")
    CachedPersonalDataKeys embeddedPersonalDataKeys(
            @Value("${masar.personal-data.keys-url:jdbc:h2:file:${masar.data-dir:./data}/keys;WRITE_DELAY=0;RETENTION_TIME=1000;DB_CLOSE_ON_EXIT=FALSE}")
            String url,
            @Value("${masar.personal-data.key-cache.size:10000}") int cacheSize,
            @Value("${masar.personal-data.key-cache.time-to-live:PT1M}") Duration timeToLive,
            @Value("${masar.h2.compaction-period:PT5S}") Duration compactionPeriod) {
        return new CachedPersonalDataKeys(new EmbeddedPersonalDataKeys(url, compactionPeriod), cacheSize, timeToLive);
    }

    @Bean
    @Profile("axonserver")
    CachedPersonalDataKeys mongoPersonalDataKeys(MongoClient mongoClient,
                                                 @Value("${masar.personal-data.keys-database:masar_keys}") String database,
                                                 @Value("${masar.personal-data.key-cache.size:10000}") int cacheSize,
                                                 @Value("${masar.personal-data.key-cache.time-to-live:PT1M}")
                                                 Duration timeToLive) {
        return new CachedPersonalDataKeys(new MongoPersonalDataKeys(mongoClient, database), cacheSize, timeToLive);
    }

    /**
     * Events are serialized as the general serializer does it (Jackson, Spring's ObjectMapper), then sealed. An
     * application that declares its own {@code eventSerializer} bean replaces this one (the benchmark of what
     * encryption costs does; nothing else should).
     */
    @Bean
    @Qualifier("eventSerializer")
    @ConditionalOnMissingBean(name = "eventSerializer")
    Serializer eventSerializer(@Qualifier("serializer") Serializer generalSerializer, PersonalDataKeys keys) {
        return new CryptoShreddingSerializer(generalSerializer, keys);
    }
}
