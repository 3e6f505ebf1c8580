package ma.masar.personal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Keeps recently used keys in memory (Caffeine), at most {@code maxEntries} and each for at most
 * {@code timeToLive}: another service (the command side, in production) may destroy a key, and this cache must not
 * keep decrypting with it for longer than that. Destroying through this cache evicts at once.
 */
public final class CachedPersonalDataKeys implements PersonalDataKeys, AutoCloseable {

    private final PersonalDataKeys store;
    private final Cache<String, KeyState> entries;
    /**
     * What this thread's batch looked up or created: kept apart until the batch's keys are stored, so that no other
     * thread encrypts with a key that may never be (a batch that fails drops it).
     */
    private final ThreadLocal<Map<String, KeyState>> batch = new ThreadLocal<>();

    public CachedPersonalDataKeys(PersonalDataKeys store, int maxEntries, Duration timeToLive) {
        this(store, maxEntries, timeToLive, Clock.systemUTC());
    }

    CachedPersonalDataKeys(PersonalDataKeys store, int maxEntries, Duration timeToLive, Clock clock) {
        this.store = store;
        this.entries = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfterWrite(timeToLive)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run) // evictions on the caller's thread: no pool of its own
                .build();
    }

    @Override
    public Optional<SecretKey> keyToEncrypt(String beneficiaryId) {
        KeyState cached = cached(beneficiaryId);
        if (cached != null && (cached.present() || cached.destroyed())) {
            return Optional.ofNullable(cached.key());
        }
        Optional<SecretKey> key = store.keyToEncrypt(beneficiaryId);
        remember(beneficiaryId, key.map(KeyState::of).orElse(KeyState.DESTROYED));
        return key;
    }

    @Override
    public KeyState keyToDecrypt(String beneficiaryId) {
        KeyState cached = cached(beneficiaryId);
        if (cached != null) {
            return cached;
        }
        KeyState stored = store.keyToDecrypt(beneficiaryId);
        remember(beneficiaryId, stored);
        return stored;
    }

    @Override
    public void destroy(String beneficiaryId) {
        store.destroy(beneficiaryId);
        Map<String, KeyState> inBatch = batch.get();
        if (inBatch != null) {
            inBatch.put(beneficiaryId, KeyState.DESTROYED);
        }
        share(beneficiaryId, KeyState.DESTROYED);
    }

    @Override
    public void storeNewKeysTogether(Runnable work) {
        if (batch.get() != null) {
            work.run();
            return;
        }
        Map<String, KeyState> inBatch = new HashMap<>();
        batch.set(inBatch);
        try {
            store.storeNewKeysTogether(work);
        } finally {
            batch.remove();
        }
        // stored: now every thread may use them
        inBatch.forEach(this::share);
    }

    private KeyState cached(String beneficiaryId) {
        Map<String, KeyState> inBatch = batch.get();
        KeyState own = inBatch == null ? null : inBatch.get(beneficiaryId);
        return own != null ? own : entries.getIfPresent(beneficiaryId);
    }

    private void remember(String beneficiaryId, KeyState state) {
        Map<String, KeyState> inBatch = batch.get();
        if (inBatch != null) {
            inBatch.merge(beneficiaryId, state, (known, now) -> known.destroyed() ? known : now);
        } else {
            share(beneficiaryId, state);
        }
    }

    private void share(String beneficiaryId, KeyState state) {
        // a key read before it was destroyed must not come back
        entries.asMap().compute(beneficiaryId, (id, known) -> known != null && known.destroyed() ? known : state);
    }

    @Override
    public void close() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
