package ma.masar.personal;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps recently used keys in memory, at most {@code maxEntries} (least recently used go first) and each for at most
 * {@code timeToLive}: another service (the command side, in production) may destroy a key, and this cache must not
 * keep decrypting with it for longer than that. Destroying through this cache evicts at once.
 */
public final class CachedPersonalDataKeys implements PersonalDataKeys, AutoCloseable {

    private final PersonalDataKeys store;
    private final long timeToLiveMillis;
    private final Clock clock;
    private final Map<String, Entry> entries;

    public CachedPersonalDataKeys(PersonalDataKeys store, int maxEntries, Duration timeToLive) {
        this(store, maxEntries, timeToLive, Clock.systemUTC());
    }

    CachedPersonalDataKeys(PersonalDataKeys store, int maxEntries, Duration timeToLive, Clock clock) {
        this.store = store;
        this.timeToLiveMillis = timeToLive.toMillis();
        this.clock = clock;
        this.entries = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
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

    private KeyState cached(String beneficiaryId) {
        synchronized (entries) {
            Entry entry = entries.get(beneficiaryId);
            if (entry == null) {
                return null;
            }
            if (clock.millis() - entry.loadedAt() > timeToLiveMillis) {
                entries.remove(beneficiaryId);
                return null;
            }
            return entry.state();
        }
    }

    private void remember(String beneficiaryId, KeyState state) {
        synchronized (entries) {
            Entry known = entries.get(beneficiaryId);
            if (known != null && known.state().destroyed()) {
                return; // a key read before it was destroyed must not come back
            }
            entries.put(beneficiaryId, new Entry(state, clock.millis()));
        }
    }

    @Override
    public void close() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private record Entry(KeyState state, long loadedAt) {
    }
}
