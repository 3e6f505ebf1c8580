package ma.masar.embedded.reliability;

import ma.masar.embedded.MasarApplication;
import ma.masar.embedded.TestUsers;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded application in the test's JVM, on a fresh data folder and a random port, with its read store served
 * by a {@link ReadStoreServer} the test can stop ({@code masar.embedded-mongo.enabled=false} and the URI of that
 * server instead: the same server class, backend and driver as {@code EmbeddedMongo} sets up).
 */
final class InProcessMasar implements AutoCloseable {

    final ConfigurableApplicationContext context;
    final ReadStoreServer readStore;
    final ApiClient api;
    final Path dataDir;

    private InProcessMasar(ConfigurableApplicationContext context, ReadStoreServer readStore, Path dataDir) {
        this.context = context;
        this.readStore = readStore;
        this.dataDir = dataDir;
        this.api = new ApiClient("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    static InProcessMasar start(String name) {
        System.setProperty("axoniq.update-checker.disabled", "true");
        try {
            Path dataDir = Files.createTempDirectory("masar-" + name + "-");
            ReadStoreServer readStore = new ReadStoreServer();
            List<String> args = new ArrayList<>(List.of("--masar.data-dir=" + dataDir, "--server.port=0",
                    "--server.address=127.0.0.1", "--masar.demo.enabled=false", "--axon.update-check.disabled=true",
                    "--masar.embedded-mongo.enabled=false", "--spring.data.mongodb.uri=" + readStore.uri()));
            args.addAll(TestUsers.args());
            ConfigurableApplicationContext context = SpringApplication.run(MasarApplication.class,
                    args.toArray(String[]::new));
            return new InProcessMasar(context, readStore, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        readStore.start();   // a context closes more quickly when its read store answers
        context.close();
        readStore.stop();
    }
}
