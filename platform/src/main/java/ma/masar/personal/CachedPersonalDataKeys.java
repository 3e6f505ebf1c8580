package ma.masar.personal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Keeps recently used keys in memory (Caffeine), at most {@code maxEntries} and each for at most
 * {@code timeToLive}: another service (the command side, in production) may destroy a key, and this cache must not
 * keep decrypting with it for longer than that. Destroying through this cache evicts at once.
 */
public final class CachedPersonalDataKeys implements PersonalDataKeys, AutoCloseable {

    private final PersonalDataKeys store;
    private final Cache<String, KeyState> entries;
    /** The people whose keys this thread's batch remembered: forgotten again if the batch's keys are not stored. */
    private final ThreadLocal<Set<String>> batch = new ThreadLocal<>();

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
        remember(beneficiaryId, KeyState.DESTROYED);
    }

    @Override
    public void storeNewKeysTogether(Runnable work) {
        if (batch.get() != null) {
            work.run();
            return;
        }
        Set<String> remembered = new HashSet<>();
        batch.set(remembered);
        try {
            store.storeNewKeysTogether(work);
        } catch (RuntimeException e) {
            // a key created in the batch is not stored: never encrypt with it
            entries.invalidateAll(remembered);
            throw e;
        } finally {
            batch.remove();
        }
    }

    private KeyState cached(String beneficiaryId) {
        return entries.getIfPresent(beneficiaryId);
    }

    private void remember(String beneficiaryId, KeyState state) {
        // a key read before it was destroyed must not come back
        entries.asMap().compute(beneficiaryId, (id, known) -> known != null && known.destroyed() ? known : state);
        Set<String> inBatch = batch.get();
        if (inBatch != null) {
            inBatch.add(beneficiaryId);
        }
    }

    @Override
    public void close() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
