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
import ma.masar.api.beneficiary.CompleteEnrolment;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.ConsentScope;
import ma.masar.api.beneficiary.CorrectRegistration;
import ma.masar.api.beneficiary.DischargeFromInstitution;
import ma.masar.api.beneficiary.DischargeReason;
import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.ErasePersonalData;
import ma.masar.api.beneficiary.GiveConsent;
import ma.masar.api.beneficiary.HouseholdSituation;
import ma.masar.api.beneficiary.LegalGround;
import ma.masar.api.beneficiary.MergeBeneficiaries;
import ma.masar.api.beneficiary.UndoMerge;
import ma.masar.api.beneficiary.MoveToApprenticeship;
import ma.masar.api.beneficiary.PersonalData;
import ma.masar.api.beneficiary.RecordService;
import ma.masar.api.beneficiary.ReferToPartner;
import ma.masar.api.beneficiary.RegisterBeneficiary;
import ma.masar.api.beneficiary.ServiceType;
import ma.masar.api.beneficiary.Sex;
import ma.masar.api.beneficiary.WithdrawConsent;
import ma.masar.api.beneficiary.WithdrawFromEnrolment;
import ma.masar.api.beneficiary.WithdrawalReason;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.common.Region;
import ma.masar.command.web.CommandSender;
import ma.masar.command.web.IdempotencyKeys;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static ma.masar.command.web.Text.ID;
import static ma.masar.command.web.Text.MULTI_LINE;
import static ma.masar.command.web.Text.NAME;
import static ma.masar.command.web.Text.NATIONAL_ID;
import static ma.masar.command.web.Text.SINGLE_LINE;

/** Turns HTTP into the commands of a beneficiary's case. */
@RestController
@RequestMapping("/api/beneficiaries")
@Tag(name = "Beneficiaries", description = "Register people and record the facts of their cases")
class BeneficiaryCommandController {

    private static final String KEY = "Idempotency-Key";
    private static final String CORRELATION = "X-Correlation-Id";

    private final CommandSender commands;
    private final IdempotencyKeys idempotency;
    private final Clock clock;

    BeneficiaryCommandController(CommandSender commands, IdempotencyKeys idempotency, Clock clock) {
        this.commands = commands;
        this.idempotency = idempotency;
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
    ResponseEntity<Object> register(@Valid @RequestBody PersonRequest request,
                                    @RequestHeader(value = KEY, required = false) String key,
                                    @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        return idempotency.execute(key, request, () -> {
            String beneficiaryId = idempotency.idFor(key, "beneficiary");
            LocalDate registeredOn = request.registeredOn() != null ? request.registeredOn() : LocalDate.now(clock);
            commands.send(new RegisterBeneficiary(beneficiaryId, request.personal(), request.sex(), request.region(),
                    request.province(), request.household(), registeredOn,
                    request.notTheSameAs() == null ? List.of() : request.notTheSameAs()), correlationId);
            return created("/api/beneficiaries/" + beneficiaryId, Map.of("beneficiaryId", beneficiaryId));
        });
    }

    record CorrectionRequest(@NotBlank @Pattern(regexp = ID) String correctedEventId,
                             @NotNull @Valid PersonRequest person,
                             @NotBlank @Size(max = 500) @Pattern(regexp = SINGLE_LINE) String reason) {
    }

    @PostMapping("/{beneficiaryId}/corrections")
    @Operation(summary = "Correct the registration facts", description = "A new event that names the one it corrects; nothing stored is edited.")
    ResponseEntity<Object> correct(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                   @Valid @RequestBody CorrectionRequest request,
                                   @RequestHeader(value = KEY, required = false) String key,
                                   @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        return idempotency.execute(key, List.of(beneficiaryId, request), () -> {
            PersonRequest person = request.person();
            commands.send(new CorrectRegistration(beneficiaryId, request.correctedEventId(), person.personal(),
                    person.sex(), person.region(), person.province(), person.household(), request.reason()), correlationId);
            return ResponseEntity.noContent().build();
        });
    }

    /** {@code takeOverReason}: why a social worker enrols a person whose case her centres do not follow. */
    record EnrolmentRequest(@NotBlank @Pattern(regexp = ID) String centreId,
                            @NotNull ProgrammeType programme,
                            @NotNull LocalDate enrolledOn,
                            @Size(max = 200) @Pattern(regexp = SINGLE_LINE) String hostCompany,
                            @Size(max = StatedReason.MAX_LENGTH) String takeOverReason) {
    }

    @PostMapping("/{beneficiaryId}/enrolments")
    @Operation(summary = "Enrol in a programme at a centre")
    ResponseEntity<Object> enrol(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                 @Valid @RequestBody EnrolmentRequest request,
                                 @RequestHeader(value = KEY, required = false) String key,
                                 @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        return idempotency.execute(key, List.of(beneficiaryId, request), () -> {
            String enrolmentId = idempotency.idFor(key, "enrolment");
            commands.send(new EnrolInProgramme(beneficiaryId, enrolmentId, request.centreId(), request.programme(),
                    request.enrolledOn(), blankToNull(request.hostCompany()), reason(request.takeOverReason())),
                    correlationId);
            return created("/api/beneficiaries/" + beneficiaryId + "/enrolments/" + enrolmentId,
                    Map.of("enrolmentId", enrolmentId));
        });
    }

    record ApprenticeshipRequest(@NotBlank @Pattern(regexp = ID) String apprenticeshipCentreId,
                                 @NotBlank @Size(max = 200) @Pattern(regexp = SINGLE_LINE) String hostCompany,
                                 @NotNull LocalDate contractDate,
                                 @Size(max = StatedReason.MAX_LENGTH) String takeOverReason) {
    }

    @PostMapping("/{beneficiaryId}/enrolments/{enrolmentId}/apprenticeship")
    @Operation(summary = "Move from vocational orientation to apprenticeship (law 12.00)")
    ResponseEntity<Object> moveToApprenticeship(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                                @PathVariable @Pattern(regexp = ID) String enrolmentId,
                                                @Valid @RequestBody ApprenticeshipRequest request,
                                                @RequestHeader(value = KEY, required = false) String key,
                                                @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        return idempotency.execute(key, List.of(beneficiaryId, enrolmentId, request), () -> {
            String apprenticeshipId = idempotency.idFor(key, "apprenticeship");
            commands.send(new MoveToApprenticeship(beneficiaryId, enrolmentId, apprenticeshipId,
                    request.apprenticeshipCentreId(), request.hostCompany(), request.contractDate(),
                    reason(request.takeOverReason())), correlationId);
            return created("/api/beneficiaries/" + beneficiaryId + "/enrolments/" + apprenticeshipId,
                    Map.of("enrolmentId", apprenticeshipId));
        });
    }

    record CompletionRequest(@NotNull CompletionOutcome outcome, @NotNull LocalDate completedOn) {
    }

    @PostMapping("/{beneficiaryId}/enrolments/{enrolmentId}/completion")
    @Operation(summary = "Complete an active enrolment")
    ResponseEntity<Object> complete(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                    @PathVariable @Pattern(regexp = ID) String enrolmentId,
                                    @Valid @RequestBody CompletionRequest request,
                                    @RequestHeader(value = KEY, required = false) String key,
                                    @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        return noContent(key, List.of(beneficiaryId, enrolmentId, request), () -> commands.send(
                new CompleteEnrolment(beneficiaryId, enrolmentId, request.outcome(), request.completedOn()), correlationId));
    }

    record WithdrawalRequest(@NotNull WithdrawalReason reason, @NotNull LocalDate withdrawnOn) {
    }

    @PostMapping("/{beneficiaryId}/enrolments/{enrolmentId}/withdrawal")
    @Operation(summary = "Withdraw from an active enrolment")
    ResponseEntity<Object> withdraw(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                    @PathVariable @Pattern(regexp = ID) String enrolmentId,
                                    @Valid @RequestBody WithdrawalRequest request,
                                    @RequestHeader(value = KEY, required = false) String key,
                                    @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        return noContent(key, List.of(beneficiaryId, enrolmentId, request), () -> commands.send(
                new WithdrawFromEnrolment(beneficiaryId, enrolmentId, request.reason(), request.withdrawnOn()), correlationId));
    }

    record DischargeRequest(@NotNull DischargeReason reason, @NotNull LocalDate dischargedOn) {
    }

    @PostMapping("/{beneficiaryId}/enrolments/{enrolmentId}/discharge")
    @Operation(summary = "Discharge from a social-care institution")
    ResponseEntity<Object> discharge(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                     @PathVariable @Pattern(regexp = ID) String enrolmentId,
                                     @Valid @RequestBody DischargeRequest request,
                                     @RequestHeader(value = KEY, required = false) String key,
                                     @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        return noContent(key, List.of(beneficiaryId, enrolmentId, request), () -> commands.send(
                new DischargeFromInstitution(beneficiaryId, enrolmentId, request.reason(), request.dischargedOn()), correlationId));
    }

    record ServiceRequest(@NotBlank @Pattern(regexp = ID) String enrolmentId,
                          @NotNull ServiceType type,
                          @NotNull LocalDate deliveredOn) {
    }

    @PostMapping("/{beneficiaryId}/services")
    @Operation(summary = "Record a service delivered within an active enrolment")
    ResponseEntity<Object> recordService(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                         @Valid @RequestBody ServiceRequest request,
                                         @RequestHeader(value = KEY, required = false) String key,
                                         @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        return idempotency.execute(key, List.of(beneficiaryId, request), () -> {
            String serviceId = idempotency.idFor(key, "service");
            commands.send(new RecordService(beneficiaryId, serviceId, request.enrolmentId(), request.type(),
                    request.deliveredOn()), correlationId);
            return created("/api/beneficiaries/" + beneficiaryId + "/services/" + serviceId, Map.of("serviceId", serviceId));
        });
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
                                   @Valid @RequestBody NoteRequest request,
                                   @RequestHeader(value = KEY, required = false) String key,
                                   @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        return idempotency.execute(key, List.of(beneficiaryId, request), () -> {
            String noteId = idempotency.idFor(key, "note");
            LocalDate writtenOn = request.writtenOn() != null ? request.writtenOn() : LocalDate.now(clock);
            commands.send(new AddCaseNote(beneficiaryId, noteId, request.text(), writtenOn), correlationId);
            return created("/api/beneficiaries/" + beneficiaryId + "/notes/" + noteId, Map.of("noteId", noteId));
        });
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
                                 @Valid @RequestBody ErasureRequest request,
                                 @RequestHeader(value = KEY, required = false) String key,
                                 @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        LocalDate erasedOn = request.erasedOn() != null ? request.erasedOn() : LocalDate.now(clock);
        return noContent(key, List.of(beneficiaryId, request), () -> commands.send(
                new ErasePersonalData(beneficiaryId, request.legalGround(), request.requestReference().strip(), erasedOn),
                correlationId));
    }

    record ConsentRequest(@NotNull ConsentScope scope,
                          @NotBlank @Size(max = 500) @Pattern(regexp = SINGLE_LINE) String purpose,
                          LocalDate givenOn) {
    }

    @PostMapping("/{beneficiaryId}/consents")
    @Operation(summary = "Record the person's consent of one scope, for a purpose")
    ResponseEntity<Object> giveConsent(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                       @Valid @RequestBody ConsentRequest request,
                                       @RequestHeader(value = KEY, required = false) String key,
                                       @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        LocalDate givenOn = request.givenOn() != null ? request.givenOn() : LocalDate.now(clock);
        return noContent(key, List.of(beneficiaryId, request), () -> commands.send(
                new GiveConsent(beneficiaryId, request.scope(), request.purpose().strip(), givenOn), correlationId));
    }

    record ConsentWithdrawalRequest(LocalDate withdrawnOn) {
    }

    @PostMapping("/{beneficiaryId}/consents/{scope}/withdrawal")
    @Operation(summary = "Record that the person withdrew their consent of one scope")
    ResponseEntity<Object> withdrawConsent(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                           @PathVariable ConsentScope scope,
                                           @Valid @RequestBody(required = false) ConsentWithdrawalRequest request,
                                           @RequestHeader(value = KEY, required = false) String key,
                                           @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        LocalDate withdrawnOn = request != null && request.withdrawnOn() != null ? request.withdrawnOn()
                : LocalDate.now(clock);
        return noContent(key, List.of(beneficiaryId, scope, withdrawnOn), () -> commands.send(
                new WithdrawConsent(beneficiaryId, scope, withdrawnOn), correlationId));
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
                                 @Valid @RequestBody ReferralRequest request,
                                 @RequestHeader(value = KEY, required = false) String key,
                                 @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        return idempotency.execute(key, List.of(beneficiaryId, request), () -> {
            String referralId = idempotency.idFor(key, "referral");
            LocalDate referredOn = request.referredOn() != null ? request.referredOn() : LocalDate.now(clock);
            commands.send(new ReferToPartner(beneficiaryId, referralId, request.partnershipId(), request.purpose(),
                    referredOn), correlationId);
            return created("/api/beneficiaries/" + beneficiaryId + "/referrals/" + referralId,
                    Map.of("referralId", referralId));
        });
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
                                 @Valid @RequestBody MergeRequest request,
                                 @RequestHeader(value = KEY, required = false) String key,
                                 @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        String reason = statedReason("reason", request.reason());
        return noContent(key, List.of(survivorId, request), () -> commands.send(
                new MergeBeneficiaries(survivorId, request.duplicateId(), reason), correlationId));
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
                                     @Valid @RequestBody UndoMergeRequest request,
                                     @RequestHeader(value = KEY, required = false) String key,
                                     @RequestHeader(value = CORRELATION, required = false) String correlationId) {
        String reason = statedReason("reason", request.reason());
        return noContent(key, List.of(duplicateId, request), () -> commands.send(
                new UndoMerge(duplicateId, reason), correlationId));
    }

    /** A required stated reason as it will be recorded; one that is no real text is a 400 naming the field. */
    private static String statedReason(String field, String raw) {
        try {
            return StatedReason.of(raw).orElseThrow(() -> new IllegalArgumentException(field + ": required"));
        } catch (StatedReason.Invalid e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }

    private ResponseEntity<Object> noContent(String key, Object request, Runnable command) {
        return idempotency.execute(key, request, () -> {
            command.run();
            return ResponseEntity.noContent().build();
        });
    }

    private static ResponseEntity<Object> created(String location, Map<String, String> body) {
        return ResponseEntity.created(URI.create(location)).body(body);
    }

    /** A take-over reason as it will be recorded; a reason that is no real text is a 400 naming the field. */
    private static String reason(String takeOverReason) {
        try {
            return StatedReason.of(takeOverReason).orElse(null);
        } catch (StatedReason.Invalid e) {
            throw new IllegalArgumentException("takeOverReason: " + e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
