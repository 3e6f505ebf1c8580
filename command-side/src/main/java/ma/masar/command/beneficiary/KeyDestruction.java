package ma.masar.command.beneficiary;

import com.mongodb.client.MongoClient;
import ma.masar.api.beneficiary.ErasePersonalData;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.personal.PersonalDataKeys;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Destroys an erased person's key once her erasure is stored, so that every personal field ever written for her
 * reads as erased. Twice, as destroying twice does no harm (the key store remembers a destroyed key and never makes
 * a new one):
 * <ul>
 *   <li>in the erasure command's own thread, once its event is stored and before it is acknowledged, so that whoever
 *   reads her case after the acknowledgement finds it erased (the processor alone left the key for up to its 500 ms
 *   poll: an auditor's event log read just after the erasure still showed her name);</li>
 *   <li>by its own streaming processor, the guarantee: an erasure acknowledged just before a crash still has its key
 *   destroyed when the service is back (the processor's token moves only after the key is destroyed, and a failure
 *   is retried, not skipped), and an erasure that was rolled back destroys nothing.</li>
 * </ul>
 * <p>
 * The token lives with the keys (database {@code masar.personal-data.keys-database}): were that database lost, the
 * processor would replay from the first event and destroy every erased person's key again.
 */
@Component
@ProcessingGroup(KeyDestruction.GROUP)
class KeyDestruction implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String GROUP = "personal-data-keys";

    private static final Logger log = LoggerFactory.getLogger(KeyDestruction.class);

    private final PersonalDataKeys keys;

    KeyDestruction(PersonalDataKeys keys) {
        this.keys = keys;
    }

    @Autowired
    KeyDestruction(PersonalDataKeys keys, CommandBus commandBus) {
        this(keys);
        commandBus.registerHandlerInterceptor(this);
    }

    @EventHandler
    void on(PersonalDataErased event) {
        keys.destroy(event.beneficiaryId());
    }

    /** An erasure's key goes after its event is stored, before the answer; if that fails, the processor does it. */
    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof ErasePersonalData erasure) {
            unitOfWork.afterCommit(committed -> {
                try {
                    keys.destroy(erasure.beneficiaryId());
                } catch (RuntimeException e) {
                    log.warn("The key of {} is left to the {} processor: {}", erasure.beneficiaryId(), GROUP,
                             e.toString());
                }
            });
        }
        return chain.proceed();
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
