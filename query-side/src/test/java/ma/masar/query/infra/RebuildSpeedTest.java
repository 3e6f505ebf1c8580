package ma.masar.query.infra;

import java.util.Map;
import java.util.TreeMap;

import ma.masar.query.QuerySideTest;
import ma.masar.query.SampleCases;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.test.context.TestPropertySource;

/**
 * How fast the read models follow new events and rebuild from the first one, on the embedded stand-in. Not part of
 * the normal build: {@code mvn -pl query-side verify -Dmasar.speed=true -Dtest=RebuildSpeedTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (optionally {@code -Dmasar.speed.cases=20000}).
 */
@EnabledIfSystemProperty(named = "masar.speed", matches = "true")
@TestPropertySource(properties = "masar.mongo.database=masar-speed")
class RebuildSpeedTest extends QuerySideTest {

    private static final Logger log = LoggerFactory.getLogger(RebuildSpeedTest.class);

    /** CPU time so far by thread kind (numbers in thread names dropped). */
    private static Map<String, Long> threadCpu() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<String, Long> cpu = new TreeMap<>();
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null) {
                long nanos = threads.getThreadCpuTime(info.getThreadId());
                if (nanos > 0) {
                    cpu.merge(info.getThreadName().replaceAll("\\d+", "N"), nanos, Long::sum);
                }
            }
        }
        return cpu;
    }

    @Test
    void measuresCatchUpAndRebuild() {
        int people = Integer.getInteger("masar.speed.cases", 20_000);
        SampleCases cases = new SampleCases(facts(), 8);
        cases.openCentres(20);
        cases.signPartnerships(200);

        // catch-up: the processors follow while the facts are recorded
        long start = System.nanoTime();
        for (int i = 0; i < people; i++) {
            cases.recordCase(i);
        }
        long recorded = System.nanoTime();
        awaitProjected();
        long caughtUp = System.nanoTime();
        long events = cases.recorded();

        Map<String, Long> documents = new TreeMap<>();
        for (String collection : readStore.listCollectionNames()) {
            documents.put(collection, readStore.getCollection(collection).countDocuments());
        }
        long written = documents.entrySet().stream().filter(e -> !e.getKey().equals("trackingtokens"))
                                .mapToLong(Map.Entry::getValue).sum();

        // rebuild: every read model from the first event
        jdk.jfr.Recording profile = null;
        if (System.getProperty("masar.speed.jfr") != null) {
            try {
                profile = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            profile.start();
        }
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuStart = ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
        Map<String, Long> threadCpuStart = threadCpu();
        long rebuildStart = System.nanoTime();
        for (String group : ProcessingGroups.ALL) {
            PooledStreamingEventProcessor processor =
                    processing.eventProcessor(group, PooledStreamingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        awaitProjected();
        double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;
        Map<String, Long> threadCpuEnd = threadCpu();
        Map<String, String> cpuByThread = new TreeMap<>();
        threadCpuEnd.forEach((thread, nanos) -> cpuByThread.put(
                thread, String.format("%.1f", (nanos - threadCpuStart.getOrDefault(thread, 0L)) / 1e9)));
        log.info("CPU seconds by thread during the rebuild: {}", cpuByThread);
        double cpuSeconds = (((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() - cpuStart) / 1e9;
        if (profile != null) {
            try {
                profile.dump(java.nio.file.Path.of(System.getProperty("masar.speed.jfr")));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            profile.close();
        }

        log.info("{} events for {} people; read store: {} documents {}", events, people, written, documents);
        log.info("Recording took {} s; caught up {} s after the last one: {} events/s while following",
                 String.format("%.1f", (recorded - start) / 1e9), String.format("%.1f", (caughtUp - recorded) / 1e9),
                 Math.round(events / ((caughtUp - start) / 1e9)));
        log.info("Rebuild of all four read models: {} s, {} events/s, {} documents/s; {} CPU s ({} events per CPU s)",
                 String.format("%.1f", rebuildSeconds), Math.round(events / rebuildSeconds),
                 Math.round(written / rebuildSeconds), String.format("%.1f", cpuSeconds),
                 Math.round(events / cpuSeconds));
    }
}
