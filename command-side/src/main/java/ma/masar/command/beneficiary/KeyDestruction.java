package ma.masar.command.beneficiary;

import com.mongodb.client.MongoClient;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.personal.PersonalDataKeys;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Destroys an erased person's key once her erasure is stored, so that every personal field ever written for her
 * reads as erased. Its own streaming processor: an erasure acknowledged just before a crash still has its key
 * destroyed when the service is back (the processor's token moves only after the key is destroyed, and a failure
 * is retried, not skipped), and an erasure that was rolled back destroys nothing. Destroying twice does no harm:
 * the key store remembers a destroyed key and never makes a new one.
 * <p>
 * The token lives with the keys (database {@code masar.personal-data.keys-database}): were that database lost, the
 * processor would replay from the first event and destroy every erased person's key again.
 */
@Component
@ProcessingGroup(KeyDestruction.GROUP)
class KeyDestruction {

    static final String GROUP = "personal-data-keys";

    private final PersonalDataKeys keys;

    KeyDestruction(PersonalDataKeys keys) {
        this.keys = keys;
    }

    @EventHandler
    void on(PersonalDataErased event) {
        keys.destroy(event.beneficiaryId());
    }

    @Configuration(proxyBeanMethods = false)
    static class Processor {

        @Bean
        ConfigurerModule keyDestructionProcessor(
                MongoClient mongoClient, @Value("${masar.personal-data.keys-database:masar_keys}") String database) {
            return configurer -> configurer.eventProcessing()
                    .registerTokenStore(GROUP, configuration -> MongoTokenStore.builder()
                            .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(mongoClient, database).build())
                            .serializer(configuration.serializer())
                            .build())
                    .registerTransactionManager(GROUP, configuration -> NoTransactionManager.INSTANCE)
                    .registerListenerInvocationErrorHandler(GROUP, configuration -> PropagatingErrorHandler.instance());
        }
    }
}
