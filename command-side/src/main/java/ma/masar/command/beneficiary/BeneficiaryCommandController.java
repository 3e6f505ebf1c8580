package ma.masar.command.beneficiary;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ma.masar.access.StatedReason;
import ma.masar.api.beneficiary.AddCaseNote;
import ma.masar.api.beneficiary.ConsentScope;
import ma.masar.api.beneficiary.CorrectRegistration;
import ma.masar.api.beneficiary.ErasePersonalData;
import ma.masar.api.beneficiary.GiveConsent;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.LegalGround;
import ma.masar.api.beneficiary.MergeBeneficiaries;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.ReferToPartner;
import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.beneficiary.UndoMerge;
import ma.masar.api.beneficiary.WithdrawConsent;
import ma.masar.api.common.Region;
import ma.masar.command.web.Submission;
import ma.masar.command.web.Submissions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import static ma.masar.command.Dates.orToday;
import static ma.masar.command.web.Text.ID;
import static ma.masar.command.web.Text.MULTI_LINE;
import static ma.masar.command.web.Text.NAME;
import static ma.masar.command.web.Text.NATIONAL_ID;
import static ma.masar.command.web.Text.SINGLE_LINE;
import static ma.masar.command.web.Text.blankToNull;

/**
 * Turns HTTP into the commands of a beneficiary's case that concern the person: register, correct, notes, consents
 * and referrals, erasure, merges of duplicate records. Her enrolments: {@link EnrolmentCommandController}.
 */
@RestController
@RequestMapping("/api/beneficiaries")
@Tag(name = "Beneficiaries", description = "Register people and record the facts of their cases")
class BeneficiaryCommandController {

    private final Submissions submissions;
    private final Clock clock;

    BeneficiaryCommandController(Submissions submissions, Clock clock) {
        this.submissions = submissions;
        this.clock = clock;
    }

    record PersonRequest(@NotBlank @Size(max = 100) @Pattern(regexp = NAME) String givenNameAr,
                         @NotBlank @Size(max = 100) @Pattern(regexp = NAME) String familyNameAr,
                         @NotBlank @Size(max = 100) @Pattern(regexp = NAME) String givenNameLatin,
                         @NotBlank @Size(max = 100) @Pattern(regexp = NAME) String familyNameLatin,
                         @NotNull LocalDate dateOfBirth,
                         @NotNull Sex sex,
                         @Pattern(regexp = NATIONAL_ID) String nationalId,
                         @Size(max = 300) @Pattern(regexp = SINGLE_LINE) String address,
                         @Size(max = 300) @Pattern(regexp = SINGLE_LINE) String disability,
                         @NotNull Region region,
                         @NotBlank @Size(max = 100) @Pattern(regexp = NAME) String province,
                         @NotNull HouseholdSituation household,
                         LocalDate registeredOn,
                         @Size(max = 20) List<@NotBlank @Pattern(regexp = ID) String> notTheSameAs) {

        PersonalData personal() {
            return new PersonalData(givenNameAr.strip(), familyNameAr.strip(), givenNameLatin.strip(),
                    familyNameLatin.strip(), dateOfBirth, blankToNull(nationalId), blankToNull(address),
                    blankToNull(disability));
        }

        /** Never print the content: it is personal data. */
        @Override
        public String toString() {
            return "PersonRequest[redacted]";
        }
    }

    @PostMapping
    @Operation(summary = "Register a person", description = "Refused if the national ID number is already registered; "
            + "the problem names the existing case. Ask GET /api/beneficiaries/likely-matches first: when it lists "
            + "people, registering anyway states that the person is none of them: send their ids in notTheSameAs "
            + "(recorded as DifferentPersonStated with the registration; an unknown id is refused, 404 "
            + "BeneficiaryNotFound). Ignored in a correction.")
    ResponseEntity<Object> register(@Valid @RequestBody PersonRequest request, Submission submission) {
        return submissions.created(submission, request, "beneficiary",
                beneficiaryId -> new RegisterBeneficiary(beneficiaryId, request.personal(), request.sex(),
                        request.region(), request.province(), request.household(),
                        orToday(request.registeredOn(), clock),
                        request.notTheSameAs() == null ? List.of() : request.notTheSameAs()),
                beneficiaryId -> "/api/beneficiaries/" + beneficiaryId, "beneficiaryId");
    }

    record CorrectionRequest(@NotBlank @Pattern(regexp = ID) String correctedEventId,
                             @NotNull @Valid PersonRequest person,
                             @NotBlank @Size(max = 500) @Pattern(regexp = SINGLE_LINE) String reason) {
    }

    @PostMapping("/{beneficiaryId}/corrections")
    @Operation(summary = "Correct the registration facts", description = "A new event that names the one it corrects; nothing stored is edited.")
    ResponseEntity<Object> correct(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                   @Valid @RequestBody CorrectionRequest request, Submission submission) {
        PersonRequest person = request.person();
        return submissions.noContent(submission, List.of(beneficiaryId, request), () ->
                new CorrectRegistration(beneficiaryId, request.correctedEventId(), person.personal(), person.sex(),
                        person.region(), person.province(), person.household(), request.reason()));
    }

    record NoteRequest(@NotBlank @Size(max = 5000) @Pattern(regexp = MULTI_LINE) String text, LocalDate writtenOn) {
        @Override
        public String toString() {
            return "NoteRequest[redacted]";
        }
    }

    @PostMapping("/{beneficiaryId}/notes")
    @Operation(summary = "Add a case note")
    ResponseEntity<Object> addNote(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                   @Valid @RequestBody NoteRequest request, Submission submission) {
        return submissions.created(submission, List.of(beneficiaryId, request), "note",
                noteId -> new AddCaseNote(beneficiaryId, noteId, request.text(), orToday(request.writtenOn(), clock)),
                noteId -> "/api/beneficiaries/" + beneficiaryId + "/notes/" + noteId, "noteId");
    }

    record ErasureRequest(@NotNull LegalGround legalGround,
                          @NotBlank @Size(max = 100) @Pattern(regexp = SINGLE_LINE) String requestReference,
                          LocalDate erasedOn) {
    }

    @PostMapping("/{beneficiaryId}/erasure")
    @Operation(summary = "Erase the person's personal data (for administrators)",
            description = "Recorded as an event with its legal ground; the person's key is then destroyed, so names, "
                    + "ID number, address, notes and referral purposes read as erased everywhere. Counts and the rest "
                    + "of the history stay. A second erasure is refused (rule BeneficiaryErased).")
    ResponseEntity<Object> erase(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                 @Valid @RequestBody ErasureRequest request, Submission submission) {
        LocalDate erasedOn = orToday(request.erasedOn(), clock);
        return submissions.noContent(submission, List.of(beneficiaryId, request), () -> new ErasePersonalData(
                beneficiaryId, request.legalGround(), request.requestReference().strip(), erasedOn));
    }

    record ConsentRequest(@NotNull ConsentScope scope,
                          @NotBlank @Size(max = 500) @Pattern(regexp = SINGLE_LINE) String purpose,
                          LocalDate givenOn) {
    }

    @PostMapping("/{beneficiaryId}/consents")
    @Operation(summary = "Record the person's consent of one scope, for a purpose")
    ResponseEntity<Object> giveConsent(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                       @Valid @RequestBody ConsentRequest request, Submission submission) {
        LocalDate givenOn = orToday(request.givenOn(), clock);
        return submissions.noContent(submission, List.of(beneficiaryId, request), () ->
                new GiveConsent(beneficiaryId, request.scope(), request.purpose().strip(), givenOn));
    }

    record ConsentWithdrawalRequest(LocalDate withdrawnOn) {
    }

    @PostMapping("/{beneficiaryId}/consents/{scope}/withdrawal")
    @Operation(summary = "Record that the person withdrew their consent of one scope")
    ResponseEntity<Object> withdrawConsent(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                           @PathVariable ConsentScope scope,
                                           @Valid @RequestBody(required = false) ConsentWithdrawalRequest request,
                                           Submission submission) {
        LocalDate withdrawnOn = orToday(request == null ? null : request.withdrawnOn(), clock);
        return submissions.noContent(submission, List.of(beneficiaryId, scope, withdrawnOn), () ->
                new WithdrawConsent(beneficiaryId, scope, withdrawnOn));
    }

    record ReferralRequest(@NotBlank @Pattern(regexp = ID) String partnershipId,
                           @NotBlank @Size(max = 1000) @Pattern(regexp = MULTI_LINE) String purpose,
                           LocalDate referredOn) {
        @Override
        public String toString() {
            return "ReferralRequest[partnershipId=" + partnershipId + ", purpose=redacted]";
        }
    }

    @PostMapping("/{beneficiaryId}/referrals")
    @Operation(summary = "Refer the person to a partner", description = "Refused (rule ConsentRequired) unless the "
            + "person's consent to referral is in force on the referral date.")
    ResponseEntity<Object> refer(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                 @Valid @RequestBody ReferralRequest request, Submission submission) {
        return submissions.created(submission, List.of(beneficiaryId, request), "referral",
                referralId -> new ReferToPartner(beneficiaryId, referralId, request.partnershipId(), request.purpose(),
                        orToday(request.referredOn(), clock)),
                referralId -> "/api/beneficiaries/" + beneficiaryId + "/referrals/" + referralId, "referralId");
    }

    record MergeRequest(@NotBlank @Pattern(regexp = ID) String duplicateId,
                        @NotBlank @Size(max = StatedReason.MAX_LENGTH) String reason) {
        @Override
        public String toString() {
            return "MergeRequest[duplicateId=" + duplicateId + ", reason=redacted]";
        }
    }

    @PostMapping("/{survivorId}/merges")
    @Operation(summary = "Merge a duplicate record of the same person into this one",
            description = "For a social worker who follows both cases, with a stated reason. Both records keep their "
                    + "histories (BeneficiariesMerged on both); the survivor's timeline shows the duplicate's facts, "
                    + "the search shows the survivor only, and commands on the duplicate are refused (409 "
                    + "BeneficiaryMerged, naming the survivor) until the merge is undone.")
    ResponseEntity<Object> merge(@PathVariable @Pattern(regexp = ID) String survivorId,
                                 @Valid @RequestBody MergeRequest request, Submission submission) {
        String reason = statedReason(request.reason());
        return submissions.noContent(submission, List.of(survivorId, request), () ->
                new MergeBeneficiaries(survivorId, request.duplicateId(), reason));
    }

    record UndoMergeRequest(@NotBlank @Size(max = StatedReason.MAX_LENGTH) String reason) {
        @Override
        public String toString() {
            return "UndoMergeRequest[reason=redacted]";
        }
    }

    @PostMapping("/{duplicateId}/merge-undo")
    @Operation(summary = "Undo the merge of this record into its survivor",
            description = "With a stated reason: the two records are two people again (MergeUndone on both); the "
                    + "merge stays in both histories. 409 NotMerged if the record is not merged.")
    ResponseEntity<Object> undoMerge(@PathVariable @Pattern(regexp = ID) String duplicateId,
                                     @Valid @RequestBody UndoMergeRequest request, Submission submission) {
        String reason = statedReason(request.reason());
        return submissions.noContent(submission, List.of(duplicateId, request), () -> new UndoMerge(duplicateId, reason));
    }

    /** The required {@code reason} as it will be recorded; one that is no real text is a 400 naming the field. */
    private static String statedReason(String raw) {
        try {
            return StatedReason.of(raw).orElseThrow(() -> new IllegalArgumentException("reason: required"));
        } catch (StatedReason.Invalid e) {
            throw new IllegalArgumentException("reason: " + e.getMessage());
        }
    }
}
