package ma.masar.embedded;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The read store's stand-in: mongo-java-server, an in-process server that speaks MongoDB's wire protocol,
 * so the application uses the real MongoDB Java driver over a socket exactly as in production. It keeps
 * its data in memory: read models and tracking tokens vanish together at a stop, and the projections
 * rebuild them from the event store at the next start. Started before the application context so that
 * {@code spring.data.mongodb.uri} can point at it; off when {@code masar.embedded-mongo.enabled=false}.
 * <p>
 * Stopped last: registered as the context's first disposable bean, before refresh, so it is destroyed after every
 * other bean, and so after the web server, the event processors and the MongoDB client have stopped (a context
 * destroys its disposable beans in the reverse order of registration). Stopped at {@link ContextClosedEvent}, which
 * comes first in a close, it left the processors retrying against a closed port: about 1,000 lines of
 * {@code MongoTimeoutException} in each stop.
 */
public class EmbeddedMongo implements EnvironmentPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("masar.embedded-mongo.enabled", Boolean.class, false)) {
            return;
        }
        int port = environment.getProperty("masar.embedded-mongo.port", Integer.class, 0);
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind(environment.getProperty("masar.embedded-mongo.host", "127.0.0.1"), port);
        InetSocketAddress address = server.getLocalAddress();
        String database = environment.getProperty("masar.mongo.database", "masar");
        String uri = "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database;
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedMongo",
                Map.of("spring.data.mongodb.uri", uri)));
        application.addListeners(new StopWithContext(server));
        log.info("Embedded read store (mongo-java-server, in memory) listening on {}", uri);
    }

    private record StopWithContext(MongoServer server) implements ApplicationListener<SpringApplicationEvent> {
        @Override
        public void onApplicationEvent(SpringApplicationEvent event) {
            if (event instanceof ApplicationPreparedEvent prepared
                    && prepared.getApplicationContext().getBeanFactory() instanceof DefaultListableBeanFactory beans) {
                beans.registerDisposableBean("embeddedMongoServer", server::shutdownNow);
            }
            if (event instanceof ApplicationFailedEvent) {
                // a start that failed before the context was prepared (once prepared, its close stops the server)
                server.shutdownNow();
            }
        }
    }
}
