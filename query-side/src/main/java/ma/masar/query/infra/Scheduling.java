package ma.masar.query.infra;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The query side's timed work runs on Spring Boot's task scheduler ({@code spring.task.scheduling.*} in
 * {@code masar-query.yml}: its threads and their names): the live streams' ticks ({@link LiveUpdateTimer}), the
 * readiness checks at the start ({@code ReadModelsCatchUp}), the checks for a lost read store
 * ({@link ReadStoreLossRecovery}) and {@link ProcessorRevival}. Boot configures that scheduler because scheduling is
 * enabled here. It stops at the context's close, before the processors, the MongoDB client and the embedded read
 * store do, so no timed task runs against a store going away.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class Scheduling {
}
