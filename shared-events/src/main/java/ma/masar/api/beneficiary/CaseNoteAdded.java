package ma.masar.api.beneficiary;

import org.axonframework.serialization.Revision;

import java.time.LocalDate;

/** A social worker's note. The text is personal data: encrypted with the person's key, never logged. */
@Revision("1")
public record CaseNoteAdded(String beneficiaryId, String noteId, @Personal String text, LocalDate writtenOn)
        implements AboutBeneficiary {
    @Override
    public String toString() {
        return "CaseNoteAdded[beneficiaryId=" + beneficiaryId + ", noteId=" + noteId + ", text=redacted]";
    }
}
