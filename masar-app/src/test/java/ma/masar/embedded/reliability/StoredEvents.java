package ma.masar.embedded.reliability;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Everything the event store holds, read through the audit export (which reads the store itself, never a read
 * model), and what a rebuild from scratch must make of it: occupancy and programme tallies per centre, people per
 * centre, each case's events. This is the test's own, independent rebuild: a handful of additions per event, so
 * that a read model that counted an event twice, missed one, or kept one that was never stored, disagrees with it.
 */
final class StoredEvents {

    record Event(long globalIndex, String eventId, String type, String aggregateId, long sequence, JsonNode payload) {
    }

    /** What the read models must say about one centre. */
    record CentreFacts(int capacity, int occupied, long enrolled, long active, long completed, long withdrawn,
                       int people, int activePeople) {
    }

    private final List<Event> events = new ArrayList<>();

    static StoredEvents read(ApiClient api) {
        StoredEvents stored = new StoredEvents();
        api.readLines("/api/audit/export?format=jsonl", line -> stored.events.add(new Event(
                line.path("globalIndex").asLong(-1), line.path("eventId").asText(), line.path("type").asText(),
                line.path("aggregateId").asText(null), line.path("sequence").asLong(-1), line.path("payload"))));
        return stored;
    }

    int size() {
        return events.size();
    }

    List<Event> ofType(String type) {
        return events.stream().filter(e -> e.type().equals(type)).toList();
    }

    /** How many stored events of {@code type} carry each value of {@code field} (a path like placement.enrolmentId). */
    Map<String, Integer> countBy(String type, String field) {
        Map<String, Integer> counts = new HashMap<>();
        for (Event event : ofType(type)) {
            counts.merge(at(event.payload(), field), 1, Integer::sum);
        }
        return counts;
    }

    /** Values of {@code field} stored more than once among events of {@code type}: each should be stored once. */
    Map<String, Integer> duplicates(String type, String field) {
        Map<String, Integer> twice = new TreeMap<>();
        countBy(type, field).forEach((value, count) -> {
            if (count > 1) {
                twice.put(value, count);
            }
        });
        return twice;
    }

    Set<String> values(String type, String field) {
        return new HashSet<>(countBy(type, field).keySet());
    }

    /** Event ids of one aggregate's stream, in order. */
    List<String> streamOf(String aggregateId) {
        return events.stream().filter(e -> aggregateId.equals(e.aggregateId()))
                .sorted(java.util.Comparator.comparingLong(Event::sequence)).map(Event::eventId).toList();
    }

    /** Per centre, what a rebuild from scratch gives. */
    Map<String, CentreFacts> centres() {
        Map<String, int[]> seats = new LinkedHashMap<>();            // capacity, occupied
        Map<String, long[]> tallies = new HashMap<>();               // enrolled, active, completed, withdrawn
        Map<String, Set<String>> people = new HashMap<>();
        Map<String, Map<String, Integer>> activePerPerson = new HashMap<>();
        for (Event event : events) {
            JsonNode p = event.payload();
            switch (event.type()) {
                case "CentreOpened" -> seats.put(p.path("centreId").asText(), new int[]{p.path("capacity").asInt(), 0});
                case "CentreCapacityChanged" -> seats.get(p.path("centreId").asText())[0] = p.path("capacity").asInt();
                case "SeatTaken" -> seats.get(p.path("centreId").asText())[1]++;
                case "SeatReleased" -> seats.get(p.path("centreId").asText())[1]--;
                case "EnrolledInProgramme" -> {
                    String centre = at(p, "placement.centreId");
                    long[] t = tallies.computeIfAbsent(centre, c -> new long[4]);
                    t[0]++;
                    t[1]++;
                    people.computeIfAbsent(centre, c -> new HashSet<>()).add(p.path("beneficiaryId").asText());
                    activePerPerson.computeIfAbsent(centre, c -> new HashMap<>())
                            .merge(p.path("beneficiaryId").asText(), 1, Integer::sum);
                }
                case "EnrolmentCompleted", "EnrolmentWithdrawn" -> {
                    String centre = at(p, "placement.centreId");
                    long[] t = tallies.computeIfAbsent(centre, c -> new long[4]);
                    t[1]--;
                    t[event.type().equals("EnrolmentCompleted") ? 2 : 3]++;
                    activePerPerson.computeIfAbsent(centre, c -> new HashMap<>())
                            .merge(p.path("beneficiaryId").asText(), -1, Integer::sum);
                }
                default -> { }
            }
        }
        Map<String, CentreFacts> facts = new LinkedHashMap<>();
        seats.forEach((centre, s) -> {
            long[] t = tallies.getOrDefault(centre, new long[4]);
            int activePeople = (int) activePerPerson.getOrDefault(centre, Map.of()).values().stream()
                    .filter(n -> n > 0).count();
            facts.put(centre, new CentreFacts(s[0], s[1], t[0], t[1], t[2], t[3],
                    people.getOrDefault(centre, Set.of()).size(), activePeople));
        });
        return facts;
    }

    static String at(JsonNode node, String path) {
        JsonNode current = node;
        for (String part : path.split("\\.")) {
            current = current.path(part);
        }
        return current.isMissingNode() || current.isNull() ? null : current.asText();
    }
}
