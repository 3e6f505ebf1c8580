package ma.masar.embedded.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sustained, bounded, mixed load on the embedded application in its own JVM (C2, G1, {@code -Xmx1g}) on
 * 127.0.0.1: social workers registering, enrolling, writing notes and completing enrolments (every command with an
 * {@code Idempotency-Key}, as the UI sends them), managers and auditors reading counts, occupancy, searches and
 * timelines. Records every answer's latency per operation, counts errors (anything but the expected 2xx), and samples
 * the heap every 15 s ({@code /actuator/metrics/jvm.memory.used}, area heap) and once a minute right after a full GC
 * forced with {@code jcmd <pid> GC.run}: the live heap, which is what grows when something leaks.
 * <p>
 * Not part of the default suite (the name does not end in Test). Run it with
 * <pre>./mvnw -pl masar-app -am test -Dtest=SustainedLoad -Dsurefire.failIfNoSpecifiedTests=false</pre>
 * and {@code -Dmasar.load.minutes=5 -Dmasar.load.rate=60 -Dmasar.load.clients=8} to change duration, the bound on
 * operations per second, and the number of clients. Results: printed and in {@code target/reliability/sustained-load.txt};
 * RELIABILITY.md has the last run's.
 */
class SustainedLoad {

    private static final Duration DURATION = Duration.ofMinutes(Long.getLong("masar.load.minutes", 5));
    private static final Duration WARM_UP = Duration.ofSeconds(Long.getLong("masar.load.warmup-seconds", 30));
    private static final int RATE = Integer.getInteger("masar.load.rate", 60);
    private static final int CLIENTS = Integer.getInteger("masar.load.clients", 8);
    /** The last part of the run sends queries only: no data is added, so the live heap must stay where it is. */
    private static final Duration QUERIES_ONLY = Duration.ofSeconds(Long.getLong("masar.load.queries-only-seconds", 60));
    /** A timeline asked for right after the registration may not be projected yet: that is lag, not an error. */
    private static final Duration FRESH = Duration.ofSeconds(5);
    private static final List<String> GIVEN_LATIN = List.of("Khadija", "Fatima", "Amina", "Naima", "Salma", "Hafsa", "Zineb", "Ilham");
    private static final List<String> GIVEN_AR = List.of("خديجة", "فاطمة", "أمينة", "نعيمة", "سلمى", "حفصة", "زينب", "إلهام");
    private static final List<String> FAMILY_LATIN = List.of("Alaoui", "Idrissi", "Bennani", "Tazi", "Berrada", "Chraibi", "Fassi", "Amrani");
    private static final List<String> FAMILY_AR = List.of("العلوي", "الإدريسي", "بناني", "التازي", "برادة", "الشرايبي", "الفاسي", "العمراني");

    enum Op {
        REGISTER(8, true), ENROL(8, true), NOTE(6, true), COMPLETE(6, true),
        PROGRAMME_COUNTS(14, false), OCCUPANCY(14, false), SEARCH(14, false), TIMELINE(20, false), CENTRES(10, false);

        final int weight;
        final boolean command;

        Op(int weight, boolean command) {
            this.weight = weight;
            this.command = command;
        }
    }

    record Placement(String beneficiaryId, String enrolmentId) {
    }

    record HeapSample(long second, long heapUsedMb, Long liveAfterGcMb, long commandsAcknowledged, Long readStoreKb) {
    }

    private final List<String[]> centres = new ArrayList<>();
    private final List<String> people = new CopyOnWriteArrayList<>();
    private final Map<String, Long> registeredAt = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong notYetProjected = new AtomicLong();
    private final ConcurrentLinkedDeque<String> notEnrolled = new ConcurrentLinkedDeque<>();
    private final ConcurrentLinkedDeque<Placement> active = new ConcurrentLinkedDeque<>();
    private final Map<Op, List<Long>> latencies = new EnumMap<>(Op.class);
    private final Map<Op, AtomicLong> counts = new EnumMap<>(Op.class);
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final AtomicLong errorCount = new AtomicLong();
    private final AtomicLong commandsAcknowledged = new AtomicLong();
    private final AtomicLong keys = new AtomicLong();
    private final List<HeapSample> heap = new CopyOnWriteArrayList<>();
    private ApiClient api;
    private long startNanos;

    @Test
    void holdsAMixedLoadWithoutErrorsOrHeapGrowth() throws Exception {
        for (Op op : Op.values()) {
            latencies.put(op, Collections.synchronizedList(new ArrayList<>()));
            counts.put(op, new AtomicLong());
        }
        Path root = Files.createTempDirectory("masar-load-");
        int port = MasarProcess.freePort();
        api = new ApiClient("http://127.0.0.1:" + port);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        MasarProcess app = MasarProcess.start(root.resolve("data"), port, 1, List.of("-Xmx1g"));
        Instant began = Instant.now();
        try {
            app.awaitReady(api, Duration.ofMinutes(3));
            prepare();
            startNanos = System.nanoTime();
            long endNanos = startNanos + DURATION.toNanos();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Random random = new Random(i);
                Thread client = new Thread(() -> client(random, endNanos), "load-client-" + i);
                client.start();
                clients.add(client);
            }
            Thread sampler = new Thread(() -> sampleHeap(app, endNanos), "heap-sampler");
            sampler.start();
            for (Thread client : clients) {
                client.join();
            }
            sampler.join();
        } finally {
            app.stop();
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        String report = report(began, loadBefore, loadAfter);
        System.out.println(report);
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("sustained-load.txt"), report);

        assertThat(errorCount.get()).as("errors: " + errors).isZero();
        List<HeapSample> live = heap.stream().filter(h -> h.liveAfterGcMb() != null).toList();
        assertThat(live).as("live heap samples").hasSizeGreaterThanOrEqualTo(3);
        // The read store lives in this heap (mongo-java-server, memory backend): it grows with the data recorded,
        // so growth under commands is reported, not judged. Under queries only nothing is added: a leak on the
        // request path would show there.
        HeapSample tailStart = live.get(live.size() - 2);
        HeapSample end = live.get(live.size() - 1);
        assertThat(end.commandsAcknowledged()).as("no command in the queries-only part").isEqualTo(tailStart.commandsAcknowledged());
        assertThat(end.liveAfterGcMb() - tailStart.liveAfterGcMb()).as("live heap growth (MB) under "
                + QUERIES_ONLY.toSeconds() + " s of queries only").isLessThanOrEqualTo(4);
    }

    /** Centres with room for everyone, and people to work with. */
    private void prepare() throws IOException {
        String[][] kinds = {{"CITIZEN_HOUSE", "CITIZEN_HOUSE"}, {"DISABILITY_CENTRE", "DISABILITY_SUPPORT"},
                {"EDUCATION_TRAINING_CENTRE", "EDUCATION_TRAINING"}};
        for (int i = 0; i < 9; i++) {
            String[] kind = kinds[i % kinds.length];
            ApiClient.Reply reply = api.post("/api/centres", """
                    {"type":"%s","nameAr":"مركز %d","nameFr":"Centre %d","region":"RABAT_SALE_KENITRA","province":"Salé",
                     "capacity":100000,"operatorKind":"AGENCY","openedOn":"2005-09-01"}""".formatted(kind[0], i, i), null);
            assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
            centres.add(new String[]{reply.text("centreId"), kind[1]});
        }
        Random random = new Random(42);
        for (int i = 0; i < 100; i++) {
            String person = register(random);
            if (person != null) {
                enrol(person, random);
            }
        }
    }

    private void client(Random random, long endNanos) {
        long interval = TimeUnit.SECONDS.toNanos(1) * CLIENTS / RATE;
        long next = System.nanoTime() + random.nextInt((int) Math.min(Integer.MAX_VALUE, interval));
        while (true) {
            long now = System.nanoTime();
            if (now >= endNanos) {
                return;
            }
            if (next > now) {
                Eventually.sleep((next - now) / 1_000_000);
            }
            // bounded: a client that falls behind skips its missed turns instead of bursting to catch up
            next = Math.max(next + interval, System.nanoTime());
            boolean queriesOnly = System.nanoTime() > endNanos - QUERIES_ONLY.toNanos();
            Op op = pick(random);
            while (queriesOnly && op.command) {
                op = pick(random);
            }
            run(op, random);
        }
    }

    private Op pick(Random random) {
        int total = 0;
        for (Op op : Op.values()) {
            total += op.weight;
        }
        int n = random.nextInt(total);
        for (Op op : Op.values()) {
            n -= op.weight;
            if (n < 0) {
                return op;
            }
        }
        throw new IllegalStateException();
    }

    private void run(Op chosen, Random random) {
        // nobody left to enrol or to complete: register someone instead
        String person = chosen == Op.ENROL ? notEnrolled.pollFirst() : null;
        Placement placement = chosen == Op.COMPLETE ? active.pollFirst() : null;
        Op op = (chosen == Op.ENROL && person == null) || (chosen == Op.COMPLETE && placement == null) ? Op.REGISTER : chosen;
        long t = System.nanoTime();
        boolean done = switch (op) {
            case REGISTER -> register(random) != null;
            case ENROL -> enrol(person, random);
            case NOTE -> expect(Op.NOTE, post("/api/beneficiaries/" + any(random) + "/notes",
                    "{\"text\":\"زيارة منزلية: الحالة مستقرة\",\"writtenOn\":\"2010-03-01\"}"), 201) != null;
            case COMPLETE -> expect(op, post("/api/beneficiaries/" + placement.beneficiaryId() + "/enrolments/"
                    + placement.enrolmentId() + "/completion",
                    "{\"outcome\":\"CERTIFICATE\",\"completedOn\":\"2010-06-30\"}"), 204) != null;
            case PROGRAMME_COUNTS -> expect(op, get("/api/stats/programmes?year=2010"), 200) != null;
            case OCCUPANCY -> expect(op, get("/api/centres/" + centres.get(random.nextInt(centres.size()))[0]
                    + "/occupancy"), 200) != null;
            case SEARCH -> expect(op, get("/api/beneficiaries?q=" + GIVEN_LATIN.get(random.nextInt(GIVEN_LATIN.size()))
                    + "+" + FAMILY_LATIN.get(random.nextInt(FAMILY_LATIN.size()))), 200) != null;
            case TIMELINE -> {
                String whose = any(random);
                Object answer = get("/api/beneficiaries/" + whose + "/timeline");
                if (answer instanceof ApiClient.Reply reply && reply.status() == 404
                        && System.nanoTime() - registeredAt.getOrDefault(whose, 0L) < FRESH.toNanos()) {
                    notYetProjected.incrementAndGet();
                    yield false;
                }
                yield expect(op, answer, 200) != null;
            }
            case CENTRES -> expect(op, get("/api/centres?size=50"), 200) != null;
        };
        long micros = (System.nanoTime() - t) / 1_000;
        counts.get(op).incrementAndGet();
        if (done && System.nanoTime() - startNanos > WARM_UP.toNanos()) {
            latencies.get(op).add(micros);
        }
    }

    private String register(Random random) {
        int g = random.nextInt(GIVEN_LATIN.size());
        int f = random.nextInt(FAMILY_LATIN.size());
        ApiClient.Reply reply = expect(Op.REGISTER, post("/api/beneficiaries", """
                {"givenNameAr":"%s","familyNameAr":"%s","givenNameLatin":"%s","familyNameLatin":"%s",
                 "dateOfBirth":"19%02d-0%d-1%d","sex":"FEMALE","region":"RABAT_SALE_KENITRA","province":"Salé",
                 "household":"POOR_HOUSEHOLD","registeredOn":"2010-01-10"}""".formatted(GIVEN_AR.get(g), FAMILY_AR.get(f),
                GIVEN_LATIN.get(g), FAMILY_LATIN.get(f), 70 + random.nextInt(25), 1 + random.nextInt(9), random.nextInt(9))), 201);
        if (reply == null) {
            return null;
        }
        String person = reply.text("beneficiaryId");
        registeredAt.put(person, System.nanoTime());
        people.add(person);
        notEnrolled.add(person);
        return person;
    }

    private boolean enrol(String person, Random random) {
        notEnrolled.remove(person);
        String[] centre = centres.get(random.nextInt(centres.size()));
        ApiClient.Reply reply = expect(Op.ENROL, post("/api/beneficiaries/" + person + "/enrolments", """
                {"centreId":"%s","programme":"%s","enrolledOn":"2010-02-01"}""".formatted(centre[0], centre[1])), 201);
        if (reply == null) {
            return false;
        }
        active.add(new Placement(person, reply.text("enrolmentId")));
        return true;
    }

    private String any(Random random) {
        return people.get(random.nextInt(people.size()));
    }

    private Object post(String path, String body) {
        try {
            return api.post(path, body, "load-" + keys.incrementAndGet());
        } catch (IOException e) {
            return e;
        }
    }

    private Object get(String path) {
        try {
            return api.get(path);
        } catch (IOException e) {
            return e;
        }
    }

    /** The reply if it has the expected status; else counts an error and returns null. */
    private ApiClient.Reply expect(Op op, Object answer, int status) {
        if (answer instanceof ApiClient.Reply reply && reply.status() == status) {
            if (op.command) {
                commandsAcknowledged.incrementAndGet();
            }
            return reply;
        }
        errorCount.incrementAndGet();
        if (errors.size() < 20) {
            errors.add(op + ": " + answer);
        }
        return null;
    }

    /**
     * Every 15 s; after a forced full GC every minute, when the queries-only part begins, and at the end (so the
     * last two live-heap samples frame the queries-only part).
     */
    private void sampleHeap(MasarProcess app, long endNanos) {
        long tail = endNanos - QUERIES_ONLY.toNanos();
        java.util.TreeMap<Long, Boolean> schedule = new java.util.TreeMap<>();
        for (long at = startNanos; at < endNanos; at += TimeUnit.SECONDS.toNanos(15)) {
            schedule.put(at, (at - startNanos) % TimeUnit.SECONDS.toNanos(60) == 0);
        }
        schedule.keySet().removeIf(at -> Math.abs(at - tail) < TimeUnit.SECONDS.toNanos(5));
        schedule.put(tail, true);
        schedule.put(endNanos, true);
        schedule.forEach((at, gc) -> {
            long wait = at - System.nanoTime();
            if (wait > 0) {
                Eventually.sleep(TimeUnit.NANOSECONDS.toMillis(wait) + 1);
            }
            takeHeapSample(app, gc);
        });
    }

    private void takeHeapSample(MasarProcess app, boolean afterFullGc) {
        try {
            long used = heapUsedMb();
            Long live = null;
            if (afterFullGc) {
                Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        String.valueOf(app.pid()), "GC.run").redirectErrorStream(true).start();
                jcmd.getInputStream().readAllBytes();
                if (jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0) {
                    live = heapUsedMb();
                }
            }
            heap.add(new HeapSample((System.nanoTime() - startNanos) / 1_000_000_000, used, live, commandsAcknowledged.get(),
                    afterFullGc ? readStoreKb(app) : null));
        } catch (IOException e) {
            errors.add("heap sample: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the read store holds (BSON bytes of all documents, mongo-java-server's dbStats), in KB. */
    private static Long readStoreKb(MasarProcess app) {
        if (app.readStoreUri() == null) {
            return null;
        }
        try (com.mongodb.client.MongoClient client = com.mongodb.client.MongoClients.create(app.readStoreUri())) {
            org.bson.Document stats = client.getDatabase("masar").runCommand(new org.bson.Document("dbStats", 1));
            return Math.round(((Number) stats.get("dataSize")).doubleValue() / 1024);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private long heapUsedMb() throws IOException {
        JsonNode metric = api.get("/actuator/metrics/jvm.memory.used?tag=area:heap").body();
        return Math.round(metric.path("measurements").get(0).path("value").asDouble() / (1024 * 1024));
    }

    private String report(Instant began, String loadBefore, String loadAfter) {
        StringBuilder out = new StringBuilder();
        long total = counts.values().stream().mapToLong(AtomicLong::get).sum();
        long commands = counts.entrySet().stream().filter(e -> e.getKey().command).mapToLong(e -> e.getValue().get()).sum();
        double seconds = DURATION.toSeconds();
        out.append(String.format("SustainedLoad: %s, %d min, %d clients bounded to %d operations/s, %d cores, java %s, "
                        + "load average before %s, after %s%n", began, DURATION.toMinutes(), CLIENTS, RATE,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadBefore, loadAfter));
        out.append(String.format("operations %d (%.1f/s): commands %d (%.1f/s), queries %d (%.1f/s); errors %d; "
                        + "people registered %d%n", total, total / seconds, commands, commands / seconds, total - commands,
                (total - commands) / seconds, errorCount.get(), people.size()));
        errors.forEach(e -> out.append("  error: ").append(e).append('\n'));
        out.append(String.format("timelines asked for within %d s of the registration and not projected yet (404): %d "
                + "(not counted as errors)%n", FRESH.toSeconds(), notYetProjected.get()));
        out.append(String.format("latency after a %d s warm-up, ms:%n  %-17s %7s %7s %7s %7s %7s%n", WARM_UP.toSeconds(),
                "operation", "count", "p50", "p95", "p99", "max"));
        List<Long> all = new ArrayList<>();
        List<Long> allCommands = new ArrayList<>();
        List<Long> allQueries = new ArrayList<>();
        for (Op op : Op.values()) {
            List<Long> sorted = new ArrayList<>(latencies.get(op));
            all.addAll(sorted);
            (op.command ? allCommands : allQueries).addAll(sorted);
            out.append(line(op.name().toLowerCase(), sorted));
        }
        out.append(line("all commands", allCommands)).append(line("all queries", allQueries)).append(line("all", all));
        out.append(String.format("heap: second, used MB, live MB after a forced full GC, commands acknowledged so far, "
                + "read store data KB (queries only from second %d)%n", DURATION.minus(QUERIES_ONLY).toSeconds()));
        heap.forEach(h -> out.append(String.format("  %4d s %6d %8s %8d %10s%n", h.second(), h.heapUsedMb(),
                h.liveAfterGcMb() == null ? "" : String.valueOf(h.liveAfterGcMb()), h.commandsAcknowledged(),
                h.readStoreKb() == null ? "" : String.valueOf(h.readStoreKb()))));
        return out.toString();
    }

    private static String line(String name, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return String.format("  %-17s %7d%n", name, 0);
        }
        return String.format("  %-17s %7d %7.1f %7.1f %7.1f %7.1f%n", name, sorted.size(), pct(sorted, 50),
                pct(sorted, 95), pct(sorted, 99), sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static double pct(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1))) / 1000.0;
    }
}
