package ma.masar.api.query;

import java.util.List;

/** A beneficiary's case timeline (مسار الحالة / parcours du dossier). */
public record CaseTimeline(String beneficiaryId, String language, List<TimelineEntry> entries) {
}
