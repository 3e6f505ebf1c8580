package ma.masar.query.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import ma.masar.query.QuerySideTest;
import ma.masar.query.ReadStoreSnapshot;
import ma.masar.query.SampleCases;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Crashes at random points while the read models are written, more than once, and checks that every read model
 * ends up equal to one rebuilt from scratch: no count lost, none counted twice.
 * <p>
 * A crash is simulated where it hurts: in the middle of a batch's bulk write, after a random part of it reached the
 * read store, before the processor stored its token. The processor then does what a restarted one does: it claims
 * the segment again and handles the batch again from its last token. (A whole-process SIGKILL adds nothing the read
 * store can see: the token store and the read store are the same MongoDB.)
 */
@Import(CrashingWritesTest.CrashingReadStore.class)
@TestPropertySource(properties = "masar.mongo.database=masar-crashes")
class CrashingWritesTest extends QuerySideTest {

    private static final Crashes CRASHES = new Crashes();
    private static final Set<String> BATCH_DEPENDENT = Set.of("applied");

    @Test
    void readModelsWrittenThroughCrashesEqualACleanRebuild() {
        SampleCases cases = new SampleCases(facts(), 2010);
        cases.openCentres(2);

        // first round: crashes while following new events, recorded in small bursts (many small batches)
        CRASHES.arm(new Random(1), 0.1, 5);
        cases.signPartnerships(30);
        for (int i = 0; i < 300; i++) {
            cases.recordCase(i);
            if (i % 30 == 0) {
                awaitProjected();
            }
        }
        awaitProjected();
        int firstRound = CRASHES.crashed.get();
        CRASHES.disarm();
        Map<String, List<String>> throughCrashes = ReadStoreSnapshot.of(readStore, BATCH_DEPENDENT);

        rebuildAll();
        Map<String, List<String>> clean = ReadStoreSnapshot.of(readStore, BATCH_DEPENDENT);
        assertThat(throughCrashes).isEqualTo(clean);

        // second round: crashes during a rebuild from the first event (big batches)
        CRASHES.arm(new Random(2), 0.25, 4);
        rebuildAll();
        int secondRound = CRASHES.crashed.get();
        CRASHES.disarm();
        assertThat(ReadStoreSnapshot.of(readStore, BATCH_DEPENDENT)).isEqualTo(clean);

        assertThat(firstRound).as("crashes while following").isGreaterThanOrEqualTo(3);
        assertThat(secondRound).as("crashes while rebuilding").isGreaterThanOrEqualTo(2);
        assertThat(clean.get("programmeCounts")).isNotEmpty();
        assertThat(clean.get("timeline")).hasSizeGreaterThan(600);
    }

    private void rebuildAll() {
        for (String group : ProcessingGroups.ALL) {
            PooledStreamingEventProcessor processor =
                    processing.eventProcessor(group, PooledStreamingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        awaitProjected();
    }

    /** Where the next crashes happen: each bulk write crashes with some probability, up to a number of crashes. */
    static final class Crashes {
        private volatile Random random;
        private volatile double probability;
        private volatile int maximum;
        final AtomicInteger crashed = new AtomicInteger();

        void arm(Random random, double probability, int maximum) {
            crashed.set(0);
            this.random = random;
            this.probability = probability;
            this.maximum = maximum;
        }

        void disarm() {
            random = null;
        }

        /** How many of {@code writes} reach the store before the crash, or -1 for no crash. */
        synchronized int crashAfter(int writes) {
            Random current = random;
            if (current == null || crashed.get() >= maximum || current.nextDouble() >= probability) {
                return -1;
            }
            crashed.incrementAndGet();
            return current.nextInt(writes + 1);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CrashingReadStore {

        @Bean
        static BeanPostProcessor crashingReadStore() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String beanName) {
                    return bean instanceof MongoDatabase database && "readStore".equals(beanName)
                            ? proxy(MongoDatabase.class, database, (method, arguments) -> {
                                Object result = method.invoke(database, arguments);
                                return result instanceof MongoCollection<?> collection
                                        ? crashing(collection) : result;
                            })
                            : bean;
                }
            };
        }

        /** Bulk writes and inserts that write part of their list, then fail, as a process killed midway would. */
        private static MongoCollection<?> crashing(MongoCollection<?> collection) {
            return proxy(MongoCollection.class, collection, (method, arguments) -> {
                boolean write = (method.getName().equals("bulkWrite") || method.getName().equals("insertMany"))
                        && arguments.length == 2 && arguments[0] instanceof List<?>;
                if (write) {
                    List<?> writes = (List<?>) arguments[0];
                    int crashAfter = CRASHES.crashAfter(writes.size());
                    if (crashAfter >= 0) {
                        if (crashAfter > 0) {
                            method.invoke(collection, writes.subList(0, crashAfter), arguments[1]);
                        }
                        throw new MongoException("Crash injected after " + crashAfter + " of " + writes.size()
                                                         + " writes");
                    }
                }
                return method.invoke(collection, arguments);
            });
        }

        private interface Call {
            Object invoke(Method method, Object[] arguments) throws Throwable;
        }

        private static <T> T proxy(Class<T> type, Object target, Call call) {
            InvocationHandler handler = (proxy, method, arguments) -> {
                try {
                    return call.invoke(method, arguments == null ? new Object[0] : arguments);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler));
        }
    }
}
