package ma.masar.query.infra;

import com.mongodb.client.MongoClient;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerConnectionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read models resume within a second or two of their sources' return, not a minute later. A streaming processor
 * whose event source (Axon Server) or token store (MongoDB) goes away keeps retrying with a back-off that doubles up
 * to 60 s (Axon's coordinator; not configurable): after a long outage the read models would stay behind for up to a
 * minute although everything is back. Once a second this looks at the sources as the clients already know them (the
 * MongoDB driver's view of the cluster, Axon Server's connection: no call that could hang), and restarts a processor
 * still in error once they are up: its next attempt is then immediate and, succeeding, ends the back-off. A processor
 * is restarted at most once per {@code masar.processors.revival-pause} (10 s), so one failing for another reason
 * does not spin. The check runs on Spring Boot's task scheduler ({@link Scheduling}).
 */
@Configuration(proxyBeanMethods = false)
class ProcessorRevival {

    private static final Logger log = LoggerFactory.getLogger(ProcessorRevival.class);

    private final EventProcessingConfiguration processing;
    private final MongoClient mongo;
    private final ObjectProvider<AxonServerConnectionManager> axonServer;
    private final ObjectProvider<AxonServerConfiguration> axonServerSettings;
    private final Duration pause;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Instant> lastRevived = new ConcurrentHashMap<>();

    ProcessorRevival(EventProcessingConfiguration processing, MongoClient mongo,
                     ObjectProvider<AxonServerConnectionManager> axonServer,
                     ObjectProvider<AxonServerConfiguration> axonServerSettings,
                     @Value("${masar.processors.revival-pause:PT10S}") Duration pause) {
        this.processing = processing;
        this.mongo = mongo;
        this.axonServer = axonServer;
        this.axonServerSettings = axonServerSettings;
        this.pause = pause;
    }

    @Scheduled(fixedDelayString = "${masar.processors.revival-check:PT1S}")
    void reviveProcessorsWhoseSourcesAreBack() {
        if (!sourcesUp()) {
            return;
        }
        Instant now = clock.instant();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming && streaming.isRunning() && streaming.isError()
                    && lastRevived.getOrDefault(name, Instant.MIN).plus(pause).isBefore(now)) {
                lastRevived.put(name, now);
                log.info("Read model processor {} is backing off after an error while its sources are up again: "
                        + "restarting it so that it resumes now", name);
                streaming.shutdownAsync().thenRun(streaming::start);
            }
        });
    }

    private boolean sourcesUp() {
        if (!mongo.getClusterDescription().hasWritableServer()) {
            return false;
        }
        AxonServerConnectionManager connections = axonServer.getIfAvailable();
        AxonServerConfiguration settings = axonServerSettings.getIfAvailable();
        return connections == null || settings == null || !settings.isEnabled()
                || connections.isConnected(settings.getContext());
    }
}
