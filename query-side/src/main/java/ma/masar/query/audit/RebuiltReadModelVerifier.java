package ma.masar.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import ma.masar.query.infra.ProcessingGroups;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Rebuilds each read model from the first event into a scratch database ({@link ScratchRebuild}) and compares it
 * with the live one, collection by collection and document by document, by {@code _id}. Bookkeeping that depends on
 * how the events were batched or committed ({@code applied}: the stream position a document's or counter's changes
 * reached, which gaps of late events make differ; {@code lastIndex} and {@code lastSequence}: what documents written
 * before positions were kept have instead) is left out.
 * <p>
 * The rebuild stops at the head of the event store when it starts; a live read model still catching up (or events
 * recorded during the verification) show up as differences, so verify a quiet system or repeat.
 */
@Component
public class RebuiltReadModelVerifier implements ReadModelVerifier {

    private static final Logger log = LoggerFactory.getLogger(RebuiltReadModelVerifier.class);
    private static final Set<String> BOOKKEEPING = Set.of("applied", "lastIndex", "lastSequence");
    /** The report names at most this many differences per read model; {@code differing} counts them all. */
    private static final int MAX_LISTED = 1000;

    private final ScratchRebuild rebuild;
    private final MongoDatabase readStore;

    public RebuiltReadModelVerifier(ScratchRebuild rebuild, MongoDatabase readStore) {
        this.rebuild = rebuild;
        this.readStore = readStore;
    }

    @Override
    public List<Map<String, Object>> verifyAll() {
        List<Map<String, Object>> reports = new ArrayList<>();
        for (String readModel : ProcessingGroups.ALL) {
            reports.add(verify(readModel));
        }
        return reports;
    }

    public Map<String, Object> verify(String readModel) {
        MongoDatabase scratch = rebuild.emptyDatabase("verify", readModel);
        try {
            long head = rebuild.headPosition();
            long events = rebuild.build(readModel, scratch, head, handled -> { });
            List<Map<String, Object>> differences = new ArrayList<>();
            long compared = 0;
            long differing = 0;
            for (String name : scratch.listCollectionNames()) {
                Map<Object, Document> live = new LinkedHashMap<>();
                for (Document document : readStore.getCollection(name).find()) {
                    live.put(document.get("_id"), document);
                }
                MongoCollection<Document> rebuilt = scratch.getCollection(name);
                for (Document document : rebuilt.find()) {
                    compared++;
                    Document liveDocument = live.remove(document.get("_id"));
                    differing += compare(name, document.get("_id"), liveDocument, document, differences);
                }
                for (Document extra : live.values()) {
                    compared++;
                    differing += compare(name, extra.get("_id"), extra, null, differences);
                }
            }
            log.info("Read model [{}] verified against a rebuild over {} events: {} documents, {} differ",
                     readModel, events, compared, differing);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("readModel", readModel);
            report.put("differences", differences);
            report.put("compared", compared);
            report.put("differing", differing);
            return report;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Verification of " + readModel + " interrupted", e);
        } finally {
            scratch.drop();
        }
    }

    private static int compare(String collection, Object id, Document live, Document rebuilt,
                               List<Map<String, Object>> differences) {
        if (live == null || rebuilt == null) {
            add(differences, collection, id, "(document)", live == null ? null : "present",
                rebuilt == null ? null : "present");
            return 1;
        }
        Set<String> fields = new LinkedHashSet<>(rebuilt.keySet());
        fields.addAll(live.keySet());
        boolean differs = false;
        for (String field : fields) {
            if (BOOKKEEPING.contains(field)) {
                continue;
            }
            Object liveValue = withoutBookkeeping(live.get(field));
            Object rebuiltValue = withoutBookkeeping(rebuilt.get(field));
            if (!Objects.equals(liveValue, rebuiltValue)) {
                add(differences, collection, id, field, liveValue, rebuiltValue);
                differs = true;
            }
        }
        return differs ? 1 : 0;
    }

    private static Object withoutBookkeeping(Object value) {
        if (value instanceof Document document) {
            Document copy = new Document();
            document.forEach((key, inner) -> {
                if (!BOOKKEEPING.contains(key)) {
                    copy.put(key, withoutBookkeeping(inner));
                }
            });
            return copy;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(RebuiltReadModelVerifier::withoutBookkeeping).toList();
        }
        return value;
    }

    private static void add(List<Map<String, Object>> differences, String collection, Object id, String field,
                            Object live, Object rebuilt) {
        if (differences.size() >= MAX_LISTED) {
            return;
        }
        Map<String, Object> difference = new LinkedHashMap<>();
        difference.put("collection", collection);
        difference.put("id", String.valueOf(id));
        difference.put("field", field);
        difference.put("live", live);
        difference.put("rebuilt", rebuilt);
        differences.add(difference);
    }
}
