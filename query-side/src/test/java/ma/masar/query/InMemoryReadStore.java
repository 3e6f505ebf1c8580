package ma.masar.query;

import java.net.InetSocketAddress;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A read store of its own for each test: the embedded mode's MongoDB stand-in in memory, reached through the real
 * driver on a free port, as the read models reach theirs. Register it with {@code @RegisterExtension}; the database
 * is {@code masar}, as the application's.
 */
public final class InMemoryReadStore implements BeforeEachCallback, AfterEachCallback {

    private MongoServer server;
    private MongoClient client;

    @Override
    public void beforeEach(ExtensionContext context) {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        client.close();
        server.shutdownNow();
    }

    public MongoDatabase database() {
        return client.getDatabase("masar");
    }
}
