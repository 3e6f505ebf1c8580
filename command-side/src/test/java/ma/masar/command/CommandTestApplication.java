package ma.masar.command;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** The command side alone, as its tests start it: an H2 file in a fresh folder and an in-process MongoDB. */
@SpringBootApplication(scanBasePackages = "ma.masar.command")
public class CommandTestApplication {

    private static MongoServer mongo;

    public static synchronized String mongoUri() {
        if (mongo == null) {
            mongo = new MongoServer(new MemoryBackend());
            mongo.bind("127.0.0.1", 0);
            Runtime.getRuntime().addShutdownHook(new Thread(mongo::shutdownNow));
        }
        return uri(mongo.getLocalAddress());
    }

    private static String uri(InetSocketAddress address) {
        return "mongodb://127.0.0.1:" + address.getPort() + "/masar";
    }

    public static Path freshDataDir() throws Exception {
        return Files.createTempDirectory("masar-test-");
    }

    public static ConfigurableApplicationContext start(Path dataDir) {
        return new SpringApplicationBuilder(CommandTestApplication.class)
                .properties("spring.config.name=masar-command")
                .run("--masar.data-dir=" + dataDir, "--spring.data.mongodb.uri=" + mongoUri(), "--server.port=0");
    }
}
