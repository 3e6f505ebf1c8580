package ma.masar.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.commons.logging.Log;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.event.SpringApplicationEvent;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The read store's stand-in: mongo-java-server, an in-process server that speaks MongoDB's wire protocol,
 * so the application uses the real MongoDB Java driver over a socket exactly as in production. Started before the
 * application context so that {@code spring.data.mongodb.uri} can point at it; off when
 * {@code masar.embedded-mongo.enabled=false}.
 * <p>
 * Its data is on disk ({@code masar.embedded-mongo.persistent=true}, the embedded default): {@link PersistentReadStore},
 * the file {@code readstore.mv.db} in the data folder, where read models and tracking tokens survive a stop together,
 * so a start catches up from where the read models were. Without that file (first start, file lost or removed) the
 * read models are rebuilt from the first event; {@code masar.embedded-mongo.rebuild-at-start=true} removes it at the
 * start, to ask for that rebuild. With {@code persistent=false} it keeps everything in memory, and the read models are
 * rebuilt at every start.
 * <p>
 * Stopped last: registered as the context's first disposable bean, before refresh, so it is destroyed after every
 * other bean, and so after the web server, the event processors and the MongoDB client have stopped (a context
 * destroys its disposable beans in the reverse order of registration). Stopped at {@link ContextClosedEvent}, which
 * comes first in a close, it left the processors retrying against a closed port: about 1,000 lines of
 * {@code MongoTimeoutException} in each stop.
 */
public class EmbeddedMongo implements EnvironmentPostProcessor {

    /**
     * Spring Boot's deferred log: this runs before the logging system is set up, which drops whatever is logged
     * before (the read store's file, its removal, its address never reached the log until 2026-12-07); these lines
     * are written once it is.
     */
    private final Log log;
    /**
     * The server's network threads: each runs the commands of the connections given to it, one at a time, so a write
     * waiting for the read store's commit holds back every connection of its thread, reads too. Netty's default is two
     * per core (four here) for the driver's dozens of connections; with more threads than connections each has its
     * own, and a read does not wait for a commit ({@link PersistentReadStore#handleMessage}). An idle one costs a
     * parked thread.
     */
    static final int WORKER_THREADS = 64;

    public EmbeddedMongo(DeferredLogFactory logs) {
        this.log = logs.getLog(EmbeddedMongo.class);
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("masar.embedded-mongo.enabled", Boolean.class, false)) {
            return;
        }
        int port = environment.getProperty("masar.embedded-mongo.port", Integer.class, 0);
        MongoBackend backend = backend(environment);
        MongoServer server = new MongoServer(backend);
        server.bind(new InetSocketAddress(environment.getProperty("masar.embedded-mongo.host", "127.0.0.1"), port), 1,
                    environment.getProperty("masar.embedded-mongo.worker-threads", Integer.class, WORKER_THREADS));
        InetSocketAddress address = server.getLocalAddress();
        String database = environment.getProperty("masar.mongo.database", "masar");
        // connectTimeoutMS is also how long the driver's monitor waits for a heartbeat's answer before it takes the
        // server for gone and fails every operation for a while: the in-process server is silent only while a commit of
        // its file holds the lock (PersistentReadStore), so it is given a minute instead of 10 s
        String uri = "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + database
                     + "?connectTimeoutMS=60000";
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedMongo",
                Map.of("spring.data.mongodb.uri", uri)));
        application.addListeners(new StopWithContext(server, backend));
        log.info("Embedded read store (mongo-java-server, %s) listening on %s".formatted(
                backend instanceof PersistentReadStore ? "on disk" : "in memory", uri));
    }

    private MongoBackend backend(ConfigurableEnvironment environment) {
        if (!environment.getProperty("masar.embedded-mongo.persistent", Boolean.class, false)) {
            return new MemoryBackend();
        }
        Path file = Path.of(environment.getProperty("masar.data-dir", "./data")).resolve(PersistentReadStore.FILE_NAME);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (environment.getProperty("masar.embedded-mongo.rebuild-at-start", Boolean.class, false)
                    && Files.deleteIfExists(file)) {
                log.info("Read store " + file + " removed as asked (masar.embedded-mongo.rebuild-at-start): the read "
                         + "models are rebuilt from the first event");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the read store's file " + file, e);
        }
        log.info("Read store file " + file + (Files.exists(file) ? ": the read models catch up from their tokens"
                : " is new: the read models are built from the first event"));
        return PersistentReadStore.open(file,
                environment.getProperty("masar.embedded-mongo.commit-period", Duration.class, Duration.ofSeconds(1)),
                environment.getProperty("masar.embedded-mongo.cache-megabytes", Integer.class, 64), log::info);
    }

    /**
     * Also gives the context the read store on disk, which must commit after the event store
     * ({@link EventStoreWrittenFirst}).
     */
    private record StopWithContext(MongoServer server, MongoBackend backend)
            implements ApplicationListener<SpringApplicationEvent> {
        @Override
        public void onApplicationEvent(SpringApplicationEvent event) {
            if (event instanceof ApplicationPreparedEvent prepared
                    && prepared.getApplicationContext().getBeanFactory() instanceof DefaultListableBeanFactory beans) {
                beans.registerDisposableBean("embeddedMongoServer", server::shutdownNow);
                if (backend instanceof PersistentReadStore readStore) {
                    beans.registerSingleton("embeddedReadStore", readStore);
                }
            }
            if (event instanceof ApplicationFailedEvent) {
                // a start that failed before the context was prepared (once prepared, its close stops the server)
                server.shutdownNow();
            }
        }
    }
}
