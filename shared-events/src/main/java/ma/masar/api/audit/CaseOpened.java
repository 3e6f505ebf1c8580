package ma.masar.api.audit;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A person read a case: who the person is, its timeline, or its state as of a moment. Recorded before the case is shown, so no read
 * goes unrecorded. {@code outsideCentres} marks a social worker who opened a case that their centres do not follow
 * ("broke the glass"); {@code reason} is what they stated then (written by staff, about the need, not the person).
 * Not a fact of the case: it stands apart from the case's own stream and never changes a read model of the case.
 */
@Revision("1")
public record CaseOpened(String beneficiaryId, String userId, View view, boolean outsideCentres, String reason,
                         Instant openedAt) {

    public enum View {
        /** who the person is: names, national ID, enrolments */
        PERSON,
        TIMELINE,
        AS_OF,
        DIFF
    }

    @Override
    public String toString() {
        return "CaseOpened[beneficiaryId=" + beneficiaryId + ", userId=" + userId + ", view=" + view
                + ", outsideCentres=" + outsideCentres + ", reason=redacted]";
    }
}
