package ma.masar.embedded.reliability;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * The embedded read store's server (mongo-java-server with the memory backend, as {@code EmbeddedMongo} starts it),
 * owned by the test so that it can be stopped and started again on the same port while the application runs.
 * {@link #stop()} closes the listening socket and every client connection, as a crashed or unplugged MongoDB would;
 * {@link #start()} listens again with the data it had (a MongoDB restart, a healed network), {@link #startEmpty()}
 * with none (a read store that was lost).
 */
final class ReadStoreServer {

    /** Keeps its documents when its server shuts down, so that a new server can serve them again. */
    private static final class KeptBackend extends MemoryBackend {
        @Override
        public void close() {
            // the data outlives the server
        }
    }

    private final String host = "127.0.0.1";
    private final int port;
    private KeptBackend backend = new KeptBackend();
    private MongoServer server;

    ReadStoreServer() {
        server = new MongoServer(backend);
        server.bind(host, 0);
        port = server.getLocalAddress().getPort();
    }

    String uri() {
        return "mongodb://" + host + ":" + port + "/masar";
    }

    synchronized void stop() {
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    synchronized void start() {
        if (server == null) {
            server = new MongoServer(backend);
            server.bind(host, port);
        }
    }

    synchronized void startEmpty() {
        stop();
        backend = new KeptBackend();
        start();
    }

    boolean running() {
        return server != null;
    }
}
