package ma.masar.embedded.demo;

import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.command.infra.GroupCommit;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.spring.config.SpringAxonConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeds the embedded mode with the 2010 population when the event store is empty. Everything goes through
 * the command bus, as a user's commands would: the read models are never written directly. Runs in the
 * background so that the UI is up at once and shows the progress ({@link DemoDataProgress}). The plans (a centre's
 * opening, a person's registration and enrolments) are recorded {@code masar.demo.group-size} to a transaction
 * ({@link GroupCommit}), each command still through its handler and rules. A person's plan goes into the group of
 * the centre she enrols in: a group holds the lock of every centre it enrols in until it commits, so groups of mixed
 * centres, eight in flight, each waited for centres the others held, and a fifth to a third of them met a deadlock
 * (at a tenth of the 2010 population; BENCHMARKS.md, "Conflicts, sequences and keys"). Groups of one centre wait for
 * each other at most, the rare plan of two centres (a move to apprenticeship) aside.
 * <p>
 * Four groups in flight ({@code masar.demo.concurrency}) on this 2-core machine: the 2010 population recorded and
 * projected in 229 and 237 s, against 280 and 315 s with eight (three: 234 s; two: 246 s). With eight, the loader's
 * threads took the cores from the read models, which fell behind for the whole load and read the events back from
 * the store; with four they kept within seconds of the commands (BENCHMARKS.md, "Groups in flight").
 * <p>
 * A stop while it loads ends the load first (a {@link SmartLifecycle} stopped before Axon's): no new group is sent,
 * the groups being recorded finish (their threads are not interrupted: H2 closes its file to an interrupted write),
 * and only then do the command bus and the event store stop. Before, the loader's threads kept sending to a bus
 * without handlers and a closed connection pool: dozens of stack traces in each such stop. What was recorded stays;
 * the next start sees events and loads nothing more (remove the data folder for the whole demo again).
 */
@Component
@ConditionalOnProperty(name = "masar.demo.enabled", havingValue = "true")
class DemoDataLoader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    static final String DEMO_USER = "demo-generator";
    /** Plans of one centre recorded in one transaction, unless {@code masar.demo.group-size} says otherwise. */
    static final int DEFAULT_GROUP_SIZE = 40;

    private final EventStore eventStore;
    private final DemoDataProgress progress;
    private final double scale;
    private final int concurrency;
    private final JdbcTemplate eventStoreDatabase;
    private final boolean relaxDurability;
    private final GroupCommit groupCommit;
    private final int groupSize;
    /** Set by the stop: no group is sent after it. */
    private volatile boolean stopping;
    private volatile Thread loading;

    DemoDataLoader(EventStore eventStore, DemoDataProgress progress,
                   @Value("${masar.demo.scale:0.01}") double scale,
                   @Value("${masar.demo.concurrency:4}") int concurrency,
                   JdbcTemplate eventStoreDatabase,
                   @Value("${masar.demo.relax-durability:false}") boolean relaxDurability,
                   GroupCommit groupCommit, @Value("${masar.demo.group-size:" + DEFAULT_GROUP_SIZE + "}") int groupSize) {
        this.eventStore = eventStore;
        this.progress = progress;
        this.scale = scale;
        this.concurrency = concurrency;
        this.eventStoreDatabase = eventStoreDatabase;
        this.relaxDurability = relaxDurability;
        this.groupCommit = groupCommit;
        this.groupSize = Math.max(1, groupSize);
    }

    @EventListener(ApplicationReadyEvent.class)
    void seedIfEmpty() {
        TrackingToken head = eventStore.createHeadToken();
        if (head != null && head.position().orElse(0) > 0) {
            log.info("Event store holds events already: no demo data recorded");
            progress.skipped();
            return;
        }
        Thread thread = new Thread(this::load, "demo-data");
        thread.setDaemon(true);
        loading = thread;
        thread.start();
    }

    @Override
    public void start() {
        // the load starts when the application is ready (seedIfEmpty); this bean is a lifecycle only for its stop
    }

    /** Ends a load in progress: the groups being recorded finish, no other is sent. */
    @Override
    public void stop() {
        stopping = true;
        Thread thread = loading;
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return !stopping;
    }

    /** Stopped before Axon's components (a higher phase stops first), so the bus still has its handlers meanwhile. */
    @Override
    public int getPhase() {
        return SpringAxonConfiguration.LIFECYCLE_PHASE + 1;
    }

    void load() {
        long started = System.nanoTime();
        DemoPopulation population = new DemoPopulation(scale, 2010L);
        progress.started(population.people());
        log.info("Recording the 2010 demo population at scale {}: {} centres, {} people, concurrency {}, {} plans per"
                 + " transaction", scale, population.centres().size(), population.people(), concurrency, groupSize);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(concurrency, concurrency, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(concurrency * 4), new ThreadPoolExecutor.CallerRunsPolicy());
        AtomicLong sent = new AtomicLong();
        if (relaxDurability) {
            // Off by default: the setting is the whole database's, and the API is up while the demo loads, so a
            // social worker's acknowledged command would not be on disk either (a kill lost 8 of 18 registrations,
            // RELIABILITY.md). Only for a machine nobody records real work on: H2 then writes commits to disk once
            // a second instead of at each commit (the one cost that bounds ingest here). Restored, and synced,
            // before the loader reports done.
            eventStoreDatabase.execute("SET WRITE_DELAY 1000");
        }
        try {
            Groups centres = new Groups(pool, sent, () -> { });
            population.centres().forEach(centre -> centres.add(centre.commands()));
            centres.flush();
            awaitQuiet(pool);
            // the demo worker's centres are assignments, facts like any other (not configuration): before the
            // cases, so that she can work in her centres as soon as the first cases arrive
            population.staffAssignments().forEach(assignment -> sendAll(List.of(assignment), sent));
            Groups cases = new Groups(pool, sent, () -> progress.personDone(sent.get(), started));
            population.forEachCase(groupSize, plan -> cases.add(centreOf(plan.commands()), plan.commands()));
            cases.flush();
            Groups partnerships = new Groups(pool, sent, () -> { });
            population.partnerships().forEach(agreement -> partnerships.add(List.of(agreement)));
            partnerships.flush();
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.DAYS);
            restoreDurability();
            double seconds = (System.nanoTime() - started) / 1e9;
            progress.finished(sent.get(), seconds);
            log.info("Demo population recorded: {} commands in {} s ({} commands/s, {} refused)",
                    sent.get(), String.format("%.1f", seconds), Math.round(sent.get() / seconds), progress.refused());
        } catch (StoppedWithTheApplication e) {
            pool.getQueue().clear();
            pool.shutdown();
            try {
                pool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            progress.failed();
            log.info("Demo population: the load stopped with the application after {} commands; the next start loads "
                     + "nothing more (remove the data folder to load the whole demo again)", sent.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            progress.failed();
        } catch (RuntimeException e) {
            log.error("Demo data failed: {}", e.getClass().getName(), e);
            progress.failed();
        } finally {
            restoreDurability();
        }
    }

    private void restoreDurability() {
        if (relaxDurability) {
            eventStoreDatabase.execute("SET WRITE_DELAY 0");
            eventStoreDatabase.execute("CHECKPOINT SYNC");
        }
    }

    private void sendAll(List<Object> plan, AtomicLong sent) {
        record(List.of(plan), sent, () -> { });
    }

    /** Records plans in one group commit; a refused command ends its plan: the next commands depend on it. */
    private void record(List<List<Object>> plans, AtomicLong sent, Runnable eachPlanDone) {
        List<List<CommandMessage<?>>> messages = plans.stream()
                .map(plan -> plan.stream().<CommandMessage<?>>map(command -> GenericCommandMessage
                        .asCommandMessage(command).andMetaData(MetaData.with("userId", DEMO_USER))).toList())
                .toList();
        for (GroupCommit.Outcome outcome : groupCommit.run(messages)) {
            sent.addAndGet(outcome.sent());
            if (outcome.refusal() != null) {
                progress.refusedOne(outcome.refusal());
            }
            eachPlanDone.run();
        }
    }

    /** The centre a person's plan enrols her in first ("" for none). */
    private static String centreOf(List<Object> plan) {
        return plan.stream().filter(EnrolInProgramme.class::isInstance).map(EnrolInProgramme.class::cast)
                   .map(EnrolInProgramme::centreId).findFirst().orElse("");
    }

    /**
     * Plans gathered {@code groupSize} at a time, each group recorded by the pool in one transaction; plans added with a
     * key are gathered with those of the same key only.
     */
    private final class Groups {
        private final ThreadPoolExecutor pool;
        private final AtomicLong sent;
        private final Runnable eachPlanDone;
        private final Map<String, List<List<Object>>> gathered = new LinkedHashMap<>();

        private Groups(ThreadPoolExecutor pool, AtomicLong sent, Runnable eachPlanDone) {
            this.pool = pool;
            this.sent = sent;
            this.eachPlanDone = eachPlanDone;
        }

        void add(List<Object> plan) {
            add("", plan);
        }

        void add(String key, List<Object> plan) {
            if (stopping) {
                throw new StoppedWithTheApplication();
            }
            List<List<Object>> group = gathered.computeIfAbsent(key, k -> new ArrayList<>());
            group.add(plan);
            if (group.size() >= groupSize) {
                gathered.remove(key);
                send(group);
            }
        }

        /** Sends what is gathered, of every key. */
        void flush() {
            List<List<List<Object>>> rest = new ArrayList<>(gathered.values());
            gathered.clear();
            rest.forEach(this::send);
        }

        private void send(List<List<Object>> group) {
            if (stopping) {
                throw new StoppedWithTheApplication();
            }
            pool.execute(() -> record(group, sent, eachPlanDone));
        }
    }

    /** Ends the load's loop when the application stops. */
    private static final class StoppedWithTheApplication extends RuntimeException {
        StoppedWithTheApplication() {
            super("the application is stopping", null, false, false);
        }
    }

    private static void awaitQuiet(ThreadPoolExecutor pool) throws InterruptedException {
        while (pool.getActiveCount() > 0 || !pool.getQueue().isEmpty()) {
            Thread.sleep(20);
        }
    }
}
