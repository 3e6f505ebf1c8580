package ma.masar.query;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The read store of the tests, able to crash on demand: while {@link #CRASHES} is armed, a bulk write or insert may
 * write a random part of its list and then fail, as a process killed midway would. Disarmed, it only passes calls on.
 */
@TestConfiguration(proxyBeanMethods = false)
public class CrashingReadStore {

    public static final Crashes CRASHES = new Crashes();

    /** Where the next crashes happen: each bulk write crashes with some probability, up to a number of crashes. */
    public static final class Crashes {

        private volatile Random random;
        private volatile Predicate<String> collections = name -> true;
        private volatile double probability;
        private volatile int maximum;
        private final AtomicInteger crashed = new AtomicInteger();

        public void arm(Random random, double probability, int maximum) {
            arm(random, probability, maximum, name -> true);
        }

        /** Crashes only bulk writes to the collections {@code collections} accepts. */
        public void arm(Random random, double probability, int maximum, Predicate<String> collections) {
            crashed.set(0);
            this.collections = collections;
            this.random = random;
            this.probability = probability;
            this.maximum = maximum;
        }

        public void disarm() {
            random = null;
        }

        public int crashed() {
            return crashed.get();
        }

        /** How many of {@code writes} reach the store before the crash, or -1 for no crash. */
        synchronized int crashAfter(String collection, int writes) {
            Random current = random;
            if (current == null || !collections.test(collection) || crashed.get() >= maximum
                || current.nextDouble() >= probability) {
                return -1;
            }
            crashed.incrementAndGet();
            return current.nextInt(writes + 1);
        }
    }

    @Bean
    static BeanPostProcessor readStoreThatCanCrash() {
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
                int crashAfter = CRASHES.crashAfter(collection.getNamespace().getCollectionName(), writes.size());
                if (crashAfter >= 0) {
                    if (crashAfter > 0) {
                        try {
                            method.invoke(collection, writes.subList(0, crashAfter), arguments[1]);
                        } catch (InvocationTargetException partOfTheWriteFailed) {
                            // e.g. duplicate keys, when a batch is handled again after an earlier crash: the process
                            // dies all the same. Letting this error out in place of the crash would tell the caller
                            // that the writes after the prefix were handled, and they were not.
                        }
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
