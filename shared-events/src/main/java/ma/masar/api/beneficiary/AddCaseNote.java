package ma.masar.api.beneficiary;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record AddCaseNote(@TargetAggregateIdentifier String beneficiaryId,
                          String noteId,
                          @Personal String text,
                          LocalDate writtenOn) implements AboutBeneficiary {
    @Override
    public String toString() {
        return "AddCaseNote[beneficiaryId=" + beneficiaryId + ", noteId=" + noteId + ", text=redacted]";
    }
}
