package ma.masar.embedded.ui;

import ma.masar.api.query.CaseTimeline;
import ma.masar.api.query.TimelineEntry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A case as the social worker's page shows it, read from the case timeline alone: who the person is (the latest
 * registration or correction), the enrolments and where each stands, and the facts newest first. Names are not in
 * the timeline (it carries no personal data beyond the registration's categories), so the page does not show them.
 * While another record of the same person is merged into this one, the timeline holds its facts too, marked
 * {@code mergedFrom}: its enrolments are listed with this case's, marked with the record they come from; once the
 * merge is undone the timeline no longer holds them, and neither does the list.
 */
public record CaseView(String beneficiaryId, Map<String, Object> registration, List<Enrolment> enrolments,
                List<TimelineEntry> newestFirst) {

    /** {@code mergedFrom}: the merged record the enrolment is held by, or null for this case's own. */
    public record Enrolment(String enrolmentId, String programme, String centreId, String enrolledOn,
                            String status, String endedOn, String mergedFrom) {

        public boolean active() {
            return "ACTIVE".equals(status);
        }

        /** Acted on from its own record's page, not from this one (the API would not find it in this case). */
        public boolean merged() {
            return mergedFrom != null;
        }

        Enrolment ended(String newStatus, String on) {
            return new Enrolment(enrolmentId, programme, centreId, enrolledOn, newStatus, on, mergedFrom);
        }
    }

    static CaseView of(String beneficiaryId, CaseTimeline timeline) {
        Map<String, Object> registration = Map.of();
        Map<String, Enrolment> enrolments = new LinkedHashMap<>();
        for (TimelineEntry entry : timeline.entries()) {
            Map<String, Object> d = entry.details() == null ? Map.of() : entry.details();
            String mergedFrom = text(d, "mergedFrom");
            String on = entry.occurredOn() == null ? null : entry.occurredOn().toString();
            switch (entry.type()) {
                case "BeneficiaryRegistered", "RegistrationCorrected" -> {
                    if (mergedFrom == null) {
                        registration = d; // who this case is: its own registration, not the merged record's
                    }
                }
                case "EnrolledInProgramme" -> enrolments.put(text(d, "enrolmentId"), new Enrolment(
                        text(d, "enrolmentId"), text(d, "programme"), centre(entry, d), on, "ACTIVE", null,
                        mergedFrom));
                case "EnrolmentCompleted" -> end(enrolments, text(d, "enrolmentId"), "COMPLETED", on);
                case "EnrolmentWithdrawn" -> end(enrolments, text(d, "enrolmentId"), "WITHDRAWN", on);
                case "DischargedFromInstitution" -> end(enrolments, text(d, "enrolmentId"), "DISCHARGED", on);
                case "MovedToApprenticeship" -> {
                    end(enrolments, text(d, "orientationEnrolmentId"), "MOVED_TO_APPRENTICESHIP", on);
                    enrolments.put(text(d, "enrolmentId"), new Enrolment(text(d, "enrolmentId"),
                            text(d, "programme"), centre(entry, d),
                            d.get("enrolledOn") != null ? text(d, "enrolledOn") : on, "ACTIVE", null, mergedFrom));
                }
                default -> {
                    // notes and services change no enrolment
                }
            }
        }
        List<TimelineEntry> newestFirst = new ArrayList<>(timeline.entries());
        Collections.reverse(newestFirst);
        List<Enrolment> listed = new ArrayList<>(enrolments.values());
        Collections.reverse(listed);
        return new CaseView(beneficiaryId, registration, listed, newestFirst);
    }

    /** Not recorded yet, or not projected yet: a case just registered appears within a moment. */
    static CaseView pending(String beneficiaryId) {
        return new CaseView(beneficiaryId, Map.of(), List.of(), List.of());
    }

    public boolean isPending() {
        return newestFirst.isEmpty();
    }

    public List<Enrolment> active() {
        return enrolments.stream().filter(Enrolment::active).toList();
    }

    /** The case this record was merged into, while the merge stands; null otherwise. */
    public String mergedInto() {
        String survivor = null;
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            TimelineEntry entry = newestFirst.get(i);
            Map<String, Object> d = entry.details() == null ? Map.of() : entry.details();
            if (beneficiaryId.equals(d.get("duplicateId")) && !d.containsKey("mergedFrom")) {
                if ("BeneficiariesMerged".equals(entry.type())) {
                    survivor = String.valueOf(d.get("survivorId"));
                } else if ("MergeUndone".equals(entry.type())) {
                    survivor = null;
                }
            }
        }
        return survivor;
    }

    /** The records merged into this one, while their merges stand. */
    public List<String> mergedRecords() {
        java.util.Set<String> merged = new java.util.LinkedHashSet<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            TimelineEntry entry = newestFirst.get(i);
            Map<String, Object> d = entry.details() == null ? Map.of() : entry.details();
            if (beneficiaryId.equals(d.get("survivorId")) && !d.containsKey("mergedFrom")) {
                if ("BeneficiariesMerged".equals(entry.type())) {
                    merged.add(String.valueOf(d.get("duplicateId")));
                } else if ("MergeUndone".equals(entry.type())) {
                    merged.remove(String.valueOf(d.get("duplicateId")));
                }
            }
        }
        return List.copyOf(merged);
    }

    /** The record a timeline entry comes from when it is a merged record's, else null. */
    public static Object mergedFrom(TimelineEntry entry) {
        return entry.details() == null ? null : entry.details().get("mergedFrom");
    }

    public Object registered(String key) {
        return registration.get(key);
    }

    private static void end(Map<String, Enrolment> enrolments, String enrolmentId, String status, String on) {
        Enrolment enrolment = enrolments.get(enrolmentId);
        if (enrolment != null) {
            enrolments.put(enrolmentId, enrolment.ended(status, on));
        }
    }

    /** The entry names the centre of its placement; older documents carried it in the details too. */
    private static String centre(TimelineEntry entry, Map<String, Object> details) {
        return entry.centreId() != null ? entry.centreId() : text(details, "centreId");
    }

    private static String text(Map<String, Object> details, String key) {
        Object value = details.get(key);
        return value == null ? null : value.toString();
    }
}
