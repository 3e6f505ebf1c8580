package ma.masar.embedded.ui;

import ma.masar.api.query.TimelineEntry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A case's follow-ups and referrals as the case page shows them, read from the timeline like {@link CaseView}: a
 * follow-up is open until done or cancelled, and overdue while open after its due date; a referral awaits the
 * partner's answer until an outcome is recorded, and is overdue past its response deadline.
 */
public record CasePlanView(List<FollowUp> followUps, List<Referral> referrals) {

    public record FollowUp(String followUpId, String kind, String what, String dueOn, String assignedTo,
                           String scheduledOn, String status, String closedOn, boolean overdue) {
        public boolean open() {
            return "OPEN".equals(status);
        }
    }

    public record Referral(String referralId, String partnershipId, String referredOn, String respondBy,
                           String outcome, String outcomeOn, boolean overdue) {
        /** Nothing follows a refusal or a delivered service. */
        public boolean closed() {
            return "REFUSED".equals(outcome) || "SERVICE_DELIVERED".equals(outcome);
        }
    }

    static CasePlanView of(CaseView view, LocalDate today) {
        Map<String, FollowUp> followUps = new LinkedHashMap<>();
        Map<String, Referral> referrals = new LinkedHashMap<>();
        List<TimelineEntry> oldestFirst = new ArrayList<>(view.newestFirst());
        Collections.reverse(oldestFirst);
        for (TimelineEntry entry : oldestFirst) {
            Map<String, Object> d = entry.details() == null ? Map.of() : entry.details();
            String on = entry.occurredOn() == null ? null : entry.occurredOn().toString();
            switch (entry.type()) {
                case "FollowUpScheduled" -> followUps.put(text(d, "followUpId"), new FollowUp(text(d, "followUpId"),
                        text(d, "kind"), text(d, "what"), text(d, "dueOn"), text(d, "assignedTo"), on, "OPEN", null,
                        before(text(d, "dueOn"), today)));
                case "FollowUpDone" -> close(followUps, text(d, "followUpId"), "DONE", on);
                case "FollowUpCancelled" -> close(followUps, text(d, "followUpId"), "CANCELLED", on);
                case "ReferredToPartner" -> referrals.put(text(d, "referralId"), new Referral(text(d, "referralId"),
                        text(d, "partnershipId"), on, null, null, null, false));
                case "ReferralDeadlineSet" -> referrals.computeIfPresent(text(d, "referralId"), (id, r) ->
                        new Referral(id, r.partnershipId(), r.referredOn(), text(d, "respondBy"), r.outcome(),
                                r.outcomeOn(), r.outcome() == null && before(text(d, "respondBy"), today)));
                case "ReferralOutcomeRecorded" -> referrals.computeIfPresent(text(d, "referralId"), (id, r) ->
                        new Referral(id, r.partnershipId(), r.referredOn(), r.respondBy(), text(d, "outcome"), on,
                                false));
                default -> {
                }
            }
        }
        List<FollowUp> listed = new ArrayList<>(followUps.values());
        // open ones first, soonest due first; then the closed, newest first
        listed.sort((a, b) -> a.open() != b.open() ? (a.open() ? -1 : 1)
                : a.open() ? a.dueOn().compareTo(b.dueOn()) : String.valueOf(b.closedOn()).compareTo(String.valueOf(a.closedOn())));
        List<Referral> referralList = new ArrayList<>(referrals.values());
        Collections.reverse(referralList);
        return new CasePlanView(listed, referralList);
    }

    public boolean isEmpty() {
        return followUps.isEmpty() && referrals.isEmpty();
    }

    public long overdue() {
        return followUps.stream().filter(FollowUp::overdue).count() + referrals.stream().filter(Referral::overdue).count();
    }

    private static void close(Map<String, FollowUp> followUps, String id, String status, String on) {
        followUps.computeIfPresent(id, (key, f) -> new FollowUp(key, f.kind(), f.what(), f.dueOn(), f.assignedTo(),
                f.scheduledOn(), status, on, false));
    }

    private static boolean before(String isoDate, LocalDate today) {
        return isoDate != null && LocalDate.parse(isoDate).isBefore(today);
    }

    private static String text(Map<String, Object> details, String key) {
        Object value = details.get(key);
        return value == null ? null : value.toString();
    }
}
