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
        List<String> correctedBy = correctionsOf.getOrDefault(entry.getString("eventId"), List.of()).stream()
                                                .map(correction -> correction.getString("eventId"))
                                                .toList();
        return new TimelineEntry(entry.getString("eventId"), entry.getString("type"), occurredOn,
                                 entry.getDate("recordedAt").toInstant(), entry.getString("recordedBy"),
                                 entry.getString("centreId"), backdated, corrects, correctedBy, text,
                                 asMap(entry.get("details", new Document())));
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
