package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

@Revision("1")
public record EnrolmentCompleted(String beneficiaryId, Placement placement, CompletionOutcome outcome,
                                 LocalDate completedOn) implements EnrolmentEvent {
}
