package ma.masar.command.infra;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Masar's own counters next to Axon's message metrics: commands by type and outcome, refusals by rule, enrolments
 * by programme. Registered on the buses the application really uses: the local command bus in the embedded
 * application, Axon Server's command bus (which hands them to its local segment) in production.
 */
@Configuration(proxyBeanMethods = false)
public class BusinessMetrics {

    @Autowired
    public void register(CommandBus commandBus, EventBus eventBus, MeterRegistry meters) {
        commandBus.registerHandlerInterceptor(new CommandOutcomes(meters));
        eventBus.registerDispatchInterceptor(new EnrolmentCount(meters));
    }
}
