package ma.masar.embedded.reliability;

import ma.masar.embedded.TestUsers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The embedded application as a separate operating-system process, so that it can be SIGKILLed: a JVM of its own
 * on a data folder, listening on 127.0.0.1 only. It runs the jar named by {@code -Dmasar.reliability.jar} if given
 * ({@code java -jar}), else the same classes from this test's class path (so {@code mvn test} needs no packaged jar
 * and never runs a stale one). Its output goes to {@code app-<n>.log} in the data folder's parent.
 * <p>
 * The child watches its own log for the moment the four read models' processors have claimed their segments, i.e.
 * started their rebuild: a crash test kills it then to crash a rebuild.
 */
final class MasarProcess {

    static final String MAIN_CLASS = "ma.masar.embedded.MasarApplication";
    private static final String SEGMENTS_CLAIMED = "claimed 1 new segments for processing";
    private static final int READ_MODELS = 4;
    private static final java.util.regex.Pattern READ_STORE_CLIENT =
            java.util.regex.Pattern.compile("MongoWireProtocolHandler.*L:/127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path log;
    private final int port;
    private final long startedNanos = System.nanoTime();
    private final CountDownLatch rebuildStarted = new CountDownLatch(READ_MODELS);
    private volatile long rebuildStartedNanos;
    private volatile String readStoreUri;

    private MasarProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        Thread pump = new Thread(this::pumpOutput, "masar-process-log-" + process.pid());
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * JVM options for a process that is started over and over: start-up speed matters more than peak speed (C1 only,
     * serial GC). {@code -Dmasar.reliability.c2=true} keeps the JVM's defaults.
     */
    static List<String> quickStart(String heap) {
        return Boolean.getBoolean("masar.reliability.c2") ? List.of("-Xmx" + heap)
                : List.of("-Xmx" + heap, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
    }

    /** Starts the application on {@code dataDir}; {@code extraArgs} are more {@code --name=value} arguments. */
    static MasarProcess start(Path dataDir, int port, int run, List<String> jvmOptions, String... extraArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Daxoniq.update-checker.disabled=true");
        String jar = System.getProperty("masar.reliability.jar");
        if (jar != null && !jar.isBlank()) {
            command.add("-jar");
            command.add(Path.of(jar).toAbsolutePath().toString());
        } else {
            command.add("-cp");
            command.add(testClassPath());
            command.add(MAIN_CLASS);
        }
        command.add("--masar.data-dir=" + dataDir.toAbsolutePath());
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        if (java.util.Arrays.stream(extraArgs).noneMatch(a -> a.startsWith("--masar.demo.enabled="))) {
            command.add("--masar.demo.enabled=false");
        }
        command.add("--axon.update-check.disabled=true");
        command.addAll(TestUsers.args());
        command.addAll(List.of(extraArgs));
        Path log = dataDir.toAbsolutePath().getParent().resolve("app-" + run + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new MasarProcess(process, log, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Surefire hands the forked JVM a manifest-only jar; the real class path is in surefire.test.class.path. */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    /**
     * A free port for the application's web server, taken below the kernel's ephemeral range (32768–60999 on
     * Linux): the application's own embedded MongoDB binds port 0, an ephemeral port, between this choice and the web
     * server's start, and once took this very port (the start then failed: "Port … was already in use").
     */
    static int freePort() {
        return ma.masar.embedded.FreePorts.below32768();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits until the health endpoint answers UP; fails if the process dies first. */
    Duration awaitReady(ApiClient api, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the application died during start-up, exit " + process.exitValue()
                        + "; see " + log);
            }
            try {
                ApiClient.Reply health = api.get("/actuator/health", Duration.ofSeconds(5));
                if (health.status() == 200 && "UP".equals(health.text("status"))) {
                    return Duration.ofNanos(System.nanoTime() - startedNanos);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep(100);
        }
        throw new AssertionError("the application was not ready within " + timeout + "; see " + log);
    }

    /** Waits until all read models have started their rebuild (claimed their segment); false on timeout. */
    boolean awaitRebuildStarted(Duration timeout) {
        try {
            return rebuildStarted.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    long rebuildStartedNanos() {
        return rebuildStartedNanos;
    }

    /** The embedded read store's address, as its server logged the application's first connection. */
    String readStoreUri() {
        return readStoreUri;
    }

    /**
     * Writes the threads of this JVM (the clients) and of the application ({@code jcmd Thread.print}) next to the
     * application's log, to see afterwards why something took too long. Returns the file.
     */
    Path recordThreads(String why) {
        Path file = log.resolveSibling("threads-" + process.pid() + "-" + System.currentTimeMillis() + ".txt");
        StringBuilder out = new StringBuilder(why).append("\n\n--- test JVM\n");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            out.append('"').append(thread.getName()).append("\" ").append(thread.getState()).append('\n');
            for (StackTraceElement frame : stack) {
                out.append("    at ").append(frame).append('\n');
            }
        });
        out.append("\n--- application ").append(process.pid()).append('\n');
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(process.pid()), "Thread.print").redirectErrorStream(true).start();
            out.append(new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            jcmd.waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            out.append("jcmd failed: ").append(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(why + ": threads recorded in " + file);
        return file;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: Spring closes the context, the processors stop, H2 closes its file. */
    void stop() {
        process.destroy();
        waitFor();
    }

    private void waitFor() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pumpOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.println(line);
                // the embedded read store logs each client connection with its own (local) address
                java.util.regex.Matcher client = READ_STORE_CLIENT.matcher(line);
                if (readStoreUri == null && client.find()) {
                    readStoreUri = "mongodb://127.0.0.1:" + client.group(1) + "/masar";
                }
                if (line.contains(SEGMENTS_CLAIMED)) {
                    rebuildStarted.countDown();
                    if (rebuildStarted.getCount() == 0 && rebuildStartedNanos == 0) {
                        rebuildStartedNanos = System.nanoTime();
                    }
                }
            }
        } catch (IOException e) {
            // the process died: its output ends here
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
