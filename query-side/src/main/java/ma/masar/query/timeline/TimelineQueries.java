package ma.masar.query.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ma.masar.api.query.CaseTimeline;
import ma.masar.api.query.FindCaseTimeline;
import ma.masar.api.query.TimelineEntry;
import ma.masar.query.centres.CentreDocuments;
import ma.masar.query.centres.CentreDocuments.CentreName;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

/**
 * Answers {@link FindCaseTimeline}: the entries in the order things happened (then the order they were recorded),
 * each correction placed right after what it corrects, each entry in words. An unknown beneficiary has an empty
 * timeline.
 */
@Component
public class TimelineQueries {

    private static final Comparator<Document> CHRONOLOGICAL =
            Comparator.<Document, String>comparing(entry -> entry.getString("occurredOn"))
                      .thenComparing(entry -> entry.getDate("recordedAt"))
                      .thenComparing(TimelineDocuments::sequenceOf);

    /** Marks, in the entry's details, a fact of a record merged into this one. */
    public static final String MERGED_FROM = "mergedFrom";

    private final TimelineDocuments documents;
    private final CentreDocuments centres;
    private final TimelineRenderer renderer;

    public TimelineQueries(TimelineDocuments documents, CentreDocuments centres, TimelineRenderer renderer) {
        this.documents = documents;
        this.centres = centres;
        this.renderer = renderer;
    }

    @QueryHandler
    public CaseTimeline handle(FindCaseTimeline query) {
        TimelineLanguage language = TimelineLanguage.of(query.language());
        return timeline(query.beneficiaryId(), language);
    }

    CaseTimeline timeline(String beneficiaryId, TimelineLanguage language) {
        List<Document> entries = documents.of(beneficiaryId);
        entries.addAll(mergedInto(beneficiaryId, entries));
        entries.sort(CHRONOLOGICAL);

        Map<String, Document> byEventId = new HashMap<>();
        Map<String, List<Document>> correctionsOf = new HashMap<>();
        Set<String> centreIds = new HashSet<>();
        for (Document entry : entries) {
            byEventId.put(entry.getString("eventId"), entry);
            addIfPresent(centreIds, entry.getString("centreId"));
            addIfPresent(centreIds, entry.get("details", new Document()).getString("orientationCentreId"));
        }
        for (Document entry : entries) {
            String corrects = entry.getString("correctsEventId");
            if (corrects != null && byEventId.containsKey(corrects)) {
                correctionsOf.computeIfAbsent(corrects, key -> new ArrayList<>()).add(entry);
            }
        }
        Map<String, CentreName> centreNames = centres.namesOf(centreIds);

        List<Document> ordered = new ArrayList<>(entries.size());
        for (Document entry : entries) {
            String corrects = entry.getString("correctsEventId");
            if (corrects == null || !byEventId.containsKey(corrects)) {
                placeWithCorrections(entry, correctionsOf, ordered);
            }
        }

        List<TimelineEntry> result = new ArrayList<>(ordered.size());
        for (Document entry : ordered) {
            result.add(toEntry(entry, byEventId, correctionsOf, centreNames, language));
        }
        return new CaseTimeline(beneficiaryId, language.code(), result);
    }

    /**
     * The facts of the records merged into this one while their merges stand, each marked {@code mergedFrom}: the
     * survivor's timeline is the person's. Their own records of the merge are left out (the survivor has its own).
     */
    private List<Document> mergedInto(String beneficiaryId, List<Document> entries) {
        List<Document> own = new ArrayList<>(entries);
        own.sort(Comparator.comparingLong(TimelineDocuments::sequenceOf));
        Set<String> merged = new java.util.LinkedHashSet<>();
        for (Document entry : own) {
            Document details = entry.get("details", new Document());
            if (beneficiaryId.equals(details.getString("survivorId"))) {
                if ("BeneficiariesMerged".equals(entry.getString("type"))) {
                    merged.add(details.getString("duplicateId"));
                } else if ("MergeUndone".equals(entry.getString("type"))) {
                    merged.remove(details.getString("duplicateId"));
                }
            }
        }
        List<Document> theirs = new ArrayList<>();
        for (String duplicateId : merged) {
            for (Document entry : documents.of(duplicateId)) {
                String type = entry.getString("type");
                if (!"BeneficiariesMerged".equals(type) && !"MergeUndone".equals(type)) {
                    theirs.add(entry.append(MERGED_FROM, duplicateId));
                }
            }
        }
        return theirs;
    }

    private static void placeWithCorrections(Document entry, Map<String, List<Document>> correctionsOf,
                                             List<Document> ordered) {
        ordered.add(entry);
        for (Document correction : correctionsOf.getOrDefault(entry.getString("eventId"), List.of())) {
            placeWithCorrections(correction, correctionsOf, ordered);
        }
    }

    private TimelineEntry toEntry(Document entry, Map<String, Document> byEventId,
                                  Map<String, List<Document>> correctionsOf, Map<String, CentreName> centreNames,
                                  TimelineLanguage language) {
        LocalDate occurredOn = LocalDate.parse(entry.getString("occurredOn"));
        LocalDate recordedOn = TimelineClock.dateOf(entry.getDate("recordedAt").toInstant());
        boolean backdated = recordedOn.isAfter(occurredOn.plusDays(1));
        String corrects = entry.getString("correctsEventId");
        String text = renderer.render(entry, corrects == null ? null : byEventId.get(corrects), centreNames, language);
        if (backdated) {
            text = text + renderer.backdated(recordedOn, language);
        }
        Map<String, Object> details = asMap(entry.get("details", new Document()));
        String mergedFrom = entry.getString(MERGED_FROM);
        if (mergedFrom != null) {
            text = renderer.fromMerged(mergedFrom, language) + text;
            details.put(MERGED_FROM, mergedFrom);
        }
        List<String> correctedBy = correctionsOf.getOrDefault(entry.getString("eventId"), List.of()).stream()
                                                .map(correction -> correction.getString("eventId"))
                                                .toList();
        return new TimelineEntry(entry.getString("eventId"), entry.getString("type"), occurredOn,
                                 entry.getDate("recordedAt").toInstant(), entry.getString("recordedBy"),
                                 entry.getString("centreId"), backdated, corrects, correctedBy, text, details);
    }

    private static Map<String, Object> asMap(Document details) {
        return new LinkedHashMap<>(details);
    }

    private static void addIfPresent(Set<String> ids, String id) {
        if (id != null) {
            ids.add(id);
        }
    }
}
