package ma.masar.command.infra;

import ma.masar.api.beneficiary.AddCaseNote;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.common.Region;
import ma.masar.command.CommandTestApplication;
import ma.masar.personal.CryptoShreddingSerializer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What crypto-shredding costs: register + note commands through the command bus on the H2 event store
 * ({@code WRITE_DELAY=0}), with the encrypting event serializer and with the plain JSON one, alternating in the same
 * JVM. Run on demand: {@code -Dmasar.speed=true -Dtest=EncryptionCostTest}; the figures go to BENCHMARKS.md.
 */
@EnabledIfSystemProperty(named = "masar.speed", matches = "true")
class EncryptionCostTest {

    private static final int PEOPLE = Integer.getInteger("masar.speed.people", 1500);
    private static final int ROUNDS = Integer.getInteger("masar.speed.rounds", 2);

    @Test
    void encryptionCostInCommandsPerSecond() throws Exception {
        System.out.println("load average at start: " + loadAverage());
        List<String> lines = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            for (boolean encrypted : new boolean[]{true, false}) {
                for (int inFlight : new int[]{1, 8}) {
                    lines.add(String.format(Locale.ROOT, "round %d, %s, %d in flight: %s", round,
                            encrypted ? "encrypted" : "plain    ", inFlight, run(encrypted, inFlight)));
                    System.out.println(lines.get(lines.size() - 1));
                }
            }
        }
        lines.add("serializer alone: " + serializerAlone());
        System.out.println("ENCRYPTION COST\n" + String.join("\n", lines) + "\nload average at end: " + loadAverage());
    }

    private String run(boolean encrypted, int inFlight) throws Exception {
        Path dataDir = Files.createTempDirectory("masar-speed-");
        SpringApplicationBuilder builder = new SpringApplicationBuilder(CommandTestApplication.class);
        if (!encrypted) {
            // the plain JSON serializer as the event serializer: no encryption, the rest unchanged. Registered here,
            // not as a @Configuration, which the command side's component scan would pick up in every other test
            builder.initializers(context -> ((GenericApplicationContext) context).registerBean("eventSerializer",
                    Serializer.class, () -> context.getBean("serializer", Serializer.class)));
        }
        try (ConfigurableApplicationContext app = builder.properties("spring.config.name=masar-command")
                .run("--masar.data-dir=" + dataDir, "--spring.data.mongodb.uri=" + CommandTestApplication.mongoUri(),
                        "--server.port=0", "--logging.level.root=WARN")) {
            Serializer events = app.getBean("eventSerializer", Serializer.class);
            assertThat(events instanceof CryptoShreddingSerializer).isEqualTo(encrypted);
            CommandGateway gateway = app.getBean(CommandGateway.class);
            commands(gateway, 200, inFlight); // warm-up
            long start = System.nanoTime();
            commands(gateway, PEOPLE, inFlight);
            double seconds = (System.nanoTime() - start) / 1e9;
            return String.format(Locale.ROOT, "%d commands in %.1f s = %.0f commands/s (load %s)", 2 * PEOPLE, seconds,
                    2 * PEOPLE / seconds, loadAverage());
        }
    }

    /** Each person: a registration, then a note. {@code inFlight} people at a time. */
    private static void commands(CommandGateway gateway, int people, int inFlight) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(inFlight);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    String id = UUID.randomUUID().toString();
                    gateway.sendAndWait(new RegisterBeneficiary(id, person(n), Sex.FEMALE, Region.FES_MEKNES, "Fès",
                            HouseholdSituation.POOR_HOUSEHOLD, LocalDate.of(2010, 1, 10)));
                    gateway.sendAndWait(new AddCaseNote(id, UUID.randomUUID().toString(),
                            "Entretien avec la famille : situation stable, suivi dans un mois.", LocalDate.of(2010, 2, 1)));
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static PersonalData person(int n) {
        return new PersonalData("فاطمة", "العلوي", "Fatima", "El Alaoui " + n, LocalDate.of(1990, 5, 5), null,
                "Derb " + n + ", Fès", null);
    }

    /** The serializer's own cost per event, without the store: serialize to bytes and read back. */
    private static String serializerAlone() throws Exception {
        Path dataDir = Files.createTempDirectory("masar-speed-");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(CommandTestApplication.class)
                .properties("spring.config.name=masar-command")
                .run("--masar.data-dir=" + dataDir, "--spring.data.mongodb.uri=" + CommandTestApplication.mongoUri(),
                        "--server.port=0", "--logging.level.root=WARN")) {
            Serializer encrypted = app.getBean("eventSerializer", Serializer.class);
            Serializer plain = app.getBean("serializer", Serializer.class);
            BeneficiaryRegistered event = new BeneficiaryRegistered("b-speed", person(1), Sex.FEMALE, 1990,
                    Region.FES_MEKNES, "Fès", HouseholdSituation.POOR_HOUSEHOLD, LocalDate.of(2010, 1, 10));
            double[] micros = new double[2];
            for (int pass = 0; pass < 3; pass++) { // the last pass counts, after the JIT has warmed up
                int i = 0;
                for (Serializer serializer : new Serializer[]{encrypted, plain}) {
                    long start = System.nanoTime();
                    for (int n = 0; n < 20_000; n++) {
                        SerializedObject<byte[]> bytes = serializer.serialize(event, byte[].class);
                        serializer.deserialize(bytes);
                    }
                    micros[i++] = (System.nanoTime() - start) / 1e3 / 20_000;
                }
            }
            return String.format(Locale.ROOT, "registration event serialize + deserialize: %.1f µs encrypted, "
                    + "%.1f µs plain (key cached)", micros[0], micros[1]);
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
