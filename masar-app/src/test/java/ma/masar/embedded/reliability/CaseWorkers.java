package ma.masar.embedded.reliability;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A few social workers recording cases as fast as the service answers: register a woman, enrol her in one of the
 * test's centres, later complete or withdraw the enrolment; every command with its own {@code Idempotency-Key}.
 * <p>
 * What each of them was told is written down ({@link #acknowledged()} and friends): a command is acknowledged when it
 * answered 2xx. A command that got no answer (the process was killed under it) is retried with the same key until it
 * gets one, as a careful client would. A retry that is told the thing already exists ({@code BeneficiaryAlreadyRegistered},
 * {@code EnrolmentAlreadyExists}, or {@code EnrolmentNotActive} for the ending of an enrolment nobody else ends) means
 * the first attempt was stored: it counts as acknowledged too, and {@link #ackedOnRetry} counts those.
 * <p>
 * Workers pass a {@link Gate} between two cases, so the test can hold them still (nothing in flight) while it
 * compares the event store and the read models.
 */
final class CaseWorkers {

    record Enrolment(String beneficiaryId, String centreId) {
    }

    record Centre(String centreId, String programme) {
    }

    static final String PERSON = """
            {"givenNameAr":"خديجة","familyNameAr":"العلوي","givenNameLatin":"Khadija","familyNameLatin":"Alaoui",
             "dateOfBirth":"1990-03-15","sex":"FEMALE","region":"FES_MEKNES","province":"Sefrou",
             "household":"POOR_HOUSEHOLD","registeredOn":"2010-01-10"}""";

    private final ApiClient api;
    private final List<Centre> centres;
    private final String keyPrefix;
    private final Gate gate;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    // what the workers were told
    private final Map<String, String> beneficiaries = new ConcurrentHashMap<>();
    private final Map<String, Enrolment> enrolments = new ConcurrentHashMap<>();
    private final Map<String, String> endings = new ConcurrentHashMap<>();
    final AtomicLong requests = new AtomicLong();
    final AtomicLong acknowledgedCount = new AtomicLong();
    final AtomicLong ackedOnRetry = new AtomicLong();
    final AtomicLong lostAnswers = new AtomicLong();
    final AtomicLong concurrentChanges = new AtomicLong();
    private final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicLong keys = new AtomicLong();

    CaseWorkers(ApiClient api, List<Centre> centres, String keyPrefix, int workers, long seed) {
        this.api = api;
        this.centres = centres;
        this.keyPrefix = keyPrefix;
        this.gate = new Gate(workers);
        for (int i = 0; i < workers; i++) {
            Random random = new Random(seed + i);
            Thread thread = new Thread(() -> work(random), "case-worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    Gate gate() {
        return gate;
    }

    /** Stops the workers after their current case; waits for them. */
    void stop() throws InterruptedException {
        running = false;
        gate.release();
        for (Thread thread : threads) {
            thread.join(Duration.ofMinutes(3).toMillis());
        }
    }

    Map<String, String> acknowledgedBeneficiaries() {
        return Collections.unmodifiableMap(beneficiaries);
    }

    Map<String, Enrolment> acknowledgedEnrolments() {
        return Collections.unmodifiableMap(enrolments);
    }

    /** Acknowledged endings: enrolment id to the event type that records it. */
    Map<String, String> acknowledgedEndings() {
        return Collections.unmodifiableMap(endings);
    }

    long acknowledged() {
        return acknowledgedCount.get();
    }

    Map<String, Long> refusals() {
        Map<String, Long> copy = new java.util.TreeMap<>();
        refusals.forEach((rule, n) -> copy.put(rule, n.get()));
        return copy;
    }

    /** 5xx answers, unknown rules, answers that contradict what the worker knows: each one a failure. */
    List<String> unexpected() {
        return List.copyOf(unexpected);
    }

    private void work(Random random) {
        List<String> mine = new ArrayList<>();   // this worker's active enrolments
        while (running) {
            if (!gate.pass()) {
                return;
            }
            if (!mine.isEmpty() && random.nextInt(100) < 45) {
                String enrolmentId = mine.remove(random.nextInt(mine.size()));
                end(enrolmentId, random);
            } else {
                String beneficiaryId = register();
                if (beneficiaryId != null) {
                    String enrolmentId = enrol(beneficiaryId, centres.get(random.nextInt(centres.size())));
                    if (enrolmentId != null) {
                        mine.add(enrolmentId);
                    }
                }
            }
        }
    }

    private String register() {
        String key = nextKey();
        Answer answer = send("/api/beneficiaries", PERSON, key, "BeneficiaryAlreadyRegistered");
        if (answer == null) {
            return null;
        }
        String id = answer.acknowledged ? answer.reply.ok() ? answer.reply.text("beneficiaryId")
                : answer.reply.body().path("arguments").path("beneficiaryId").asText(null) : null;
        if (id != null) {
            beneficiaries.put(id, key);
        }
        return id;
    }

    private String enrol(String beneficiaryId, Centre centre) {
        String key = nextKey();
        String body = """
                {"centreId":"%s","programme":"%s","enrolledOn":"2010-02-01"}""".formatted(centre.centreId(), centre.programme());
        Answer answer = send("/api/beneficiaries/" + beneficiaryId + "/enrolments", body, key, "EnrolmentAlreadyExists");
        if (answer == null || !answer.acknowledged) {
            return null;
        }
        String id = answer.reply.ok() ? answer.reply.text("enrolmentId")
                : answer.reply.body().path("arguments").path("enrolmentId").asText(null);
        if (id != null) {
            enrolments.put(id, new Enrolment(beneficiaryId, centre.centreId()));
        }
        return id;
    }

    private void end(String enrolmentId, Random random) {
        Enrolment enrolment = enrolments.get(enrolmentId);
        boolean complete = random.nextInt(100) < 70;
        String path = "/api/beneficiaries/" + enrolment.beneficiaryId() + "/enrolments/" + enrolmentId
                + (complete ? "/completion" : "/withdrawal");
        String body = complete ? "{\"outcome\":\"CERTIFICATE\",\"completedOn\":\"2010-06-30\"}"
                : "{\"reason\":\"FAMILY\",\"withdrawnOn\":\"2010-05-01\"}";
        Answer answer = send(path, body, nextKey(), "EnrolmentNotActive");
        if (answer != null && answer.acknowledged) {
            endings.put(enrolmentId, complete ? "EnrolmentCompleted" : "EnrolmentWithdrawn");
        }
    }

    private record Answer(ApiClient.Reply reply, boolean acknowledged) {
    }

    /**
     * Sends until answered. {@code alreadyDone}: the rule a retry hears when its first attempt was stored. Null when
     * the workers are stopped before an answer came.
     */
    private Answer send(String path, String body, String key, String alreadyDone) {
        boolean answerLost = false;
        long giveUp = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < giveUp) {
            ApiClient.Reply reply;
            try {
                requests.incrementAndGet();
                reply = api.post(path, body, key);
            } catch (IOException noAnswer) {
                if (!answerLost) {
                    lostAnswers.incrementAndGet();
                }
                answerLost = true;
                sleep(200);
                continue;
            }
            if (reply.ok()) {
                acknowledgedCount.incrementAndGet();
                return new Answer(reply, true);
            }
            String rule = reply.rule();
            if (reply.status() == 409 && "ConcurrentChange".equals(rule)) {
                concurrentChanges.incrementAndGet();
                sleep(50);
                continue; // the service says: try again
            }
            if (answerLost && alreadyDone.equals(rule)) {
                acknowledgedCount.incrementAndGet();
                ackedOnRetry.incrementAndGet();
                return new Answer(reply, true);
            }
            if ((reply.status() == 409 || reply.status() == 422) && rule != null && !alreadyDone.equals(rule)) {
                refusals.computeIfAbsent(rule, r -> new AtomicLong()).incrementAndGet();
                return new Answer(reply, false);
            }
            unexpected.add("POST " + path + " (key " + key + (answerLost ? ", a retry" : "") + "): " + reply);
            return new Answer(reply, false);
        }
        unexpected.add("POST " + path + " (key " + key + "): no answer for 5 minutes");
        return null;
    }

    private String nextKey() {
        return keyPrefix + "-" + keys.incrementAndGet();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Where workers wait between cases while the test holds them still. */
    static final class Gate {

        private final int workers;
        private boolean open;
        private boolean released;
        private int waiting;

        Gate(int workers) {
            this.workers = workers;
        }

        /** False once the workers are stopped. */
        synchronized boolean pass() {
            if (!open && !released) {
                // counted and announced once: announcing on every wake-up let two waiting workers wake each other
                // for ever, and closeAndAwaitAll never got the monitor back (a CI run hung 15 minutes here)
                waiting++;
                notifyAll();
                try {
                    while (!open && !released) {
                        wait();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                } finally {
                    waiting--;
                }
            }
            return !released;
        }

        synchronized void open() {
            open = true;
            notifyAll();
        }

        synchronized void close() {
            open = false;
        }

        synchronized void release() {
            released = true;
            notifyAll();
        }

        /**
         * Closes the gate and waits until every worker stands at it: nothing is in flight any more. {@code onSlow}
         * runs once if that takes more than 20 s (to record why).
         */
        synchronized void closeAndAwaitAll(Duration timeout, Runnable onSlow) throws InterruptedException {
            open = false;
            long started = System.nanoTime();
            long deadline = started + timeout.toNanos();
            boolean slow = false;
            while (waiting < workers) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("workers still busy after " + timeout + " (" + waiting + " of "
                            + workers + " waiting)");
                }
                if (!slow && System.nanoTime() - started > 20_000_000_000L) {
                    slow = true;
                    onSlow.run();
                }
                wait(Math.max(1, Math.min(1_000, left / 1_000_000)));
            }
        }
    }
}
