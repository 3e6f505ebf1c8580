package ma.masar.query.infra;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * What every read model's processor gets besides the settings in {@code axon.eventhandling.processors.<name>}:
 * <ul>
 *   <li>the {@link MongoTokenStore}, explicitly, so that no other token store on the classpath (JDBC, in-memory)
 *   silently takes its place;</li>
 *   <li>no transaction manager: MongoDB writes are not part of a JDBC transaction, and crash safety rests on
 *   idempotent writes instead ({@link WriteAtEndOfBatch});</li>
 *   <li>{@link WriteAtEndOfBatch}, which writes each batch before the token moves;</li>
 *   <li>errors propagate: a failing event stops the read model and is retried, instead of being skipped silently,
 *   so a read model never drifts from what a rebuild would give;</li>
 *   <li>its initial token ({@code masar.query.processors.<name>.initial-token}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class ReadModelProcessors {

    @Autowired
    public void configure(EventProcessingConfigurer processing, MongoTokenStore tokenStore,
                          QueryProcessorProperties properties) {
        for (String group : ProcessingGroups.ALL) {
            QueryProcessorProperties.InitialToken initialToken = properties.processor(group).getInitialToken();
            processing.registerTokenStore(group, configuration -> tokenStore)
                      .registerTransactionManager(group, configuration -> NoTransactionManager.INSTANCE)
                      .registerHandlerInterceptor(group, configuration -> new WriteAtEndOfBatch(group))
                      .registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance())
                      .registerPooledStreamingEventProcessorConfiguration(
                              group,
                              (configuration, builder) -> builder.initialToken(
                                      source -> initialToken == QueryProcessorProperties.InitialToken.HEAD
                                              ? source.createHeadToken()
                                              : source.createTailToken()));
        }
    }
}
