package ma.masar.command.beneficiary;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ma.masar.access.StatedReason;
import ma.masar.api.beneficiary.CompleteEnrolment;
import ma.masar.api.beneficiary.CompletionOutcome;
import ma.masar.api.beneficiary.DischargeFromInstitution;
import ma.masar.api.beneficiary.DischargeReason;
import ma.masar.api.beneficiary.EnrolInProgramme;
import ma.masar.api.beneficiary.MoveToApprenticeship;
import ma.masar.api.beneficiary.RecordService;
import ma.masar.api.beneficiary.ServiceType;
import ma.masar.api.beneficiary.WithdrawFromEnrolment;
import ma.masar.api.beneficiary.WithdrawalReason;
import ma.masar.api.common.ProgrammeType;
import ma.masar.command.web.Submission;
import ma.masar.command.web.Submissions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.util.List;

import static ma.masar.command.web.Text.ID;
import static ma.masar.command.web.Text.SINGLE_LINE;
import static ma.masar.command.web.Text.blankToNull;

/**
 * Turns HTTP into the commands of a person's enrolments: enrol, move to apprenticeship, complete, withdraw,
 * discharge, and record a service delivered within one. Who the person is: {@link BeneficiaryCommandController}.
 */
@RestController
@RequestMapping("/api/beneficiaries")
@Tag(name = "Beneficiaries", description = "Register people and record the facts of their cases")
class EnrolmentCommandController {

    private final Submissions submissions;

    EnrolmentCommandController(Submissions submissions) {
        this.submissions = submissions;
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
                                 @Valid @RequestBody EnrolmentRequest request, Submission submission) {
        return submissions.created(submission, List.of(beneficiaryId, request), "enrolment",
                enrolmentId -> new EnrolInProgramme(beneficiaryId, enrolmentId, request.centreId(), request.programme(),
                        request.enrolledOn(), blankToNull(request.hostCompany()), reason(request.takeOverReason())),
                enrolmentId -> "/api/beneficiaries/" + beneficiaryId + "/enrolments/" + enrolmentId, "enrolmentId");
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
                                                Submission submission) {
        // the apprenticeship is a new enrolment: found among the person's enrolments
        return submissions.created(submission, List.of(beneficiaryId, enrolmentId, request), "apprenticeship",
                apprenticeshipId -> new MoveToApprenticeship(beneficiaryId, enrolmentId, apprenticeshipId,
                        request.apprenticeshipCentreId(), request.hostCompany(), request.contractDate(),
                        reason(request.takeOverReason())),
                apprenticeshipId -> "/api/beneficiaries/" + beneficiaryId + "/enrolments/" + apprenticeshipId,
                "enrolmentId");
    }

    record CompletionRequest(@NotNull CompletionOutcome outcome, @NotNull LocalDate completedOn) {
    }

    @PostMapping("/{beneficiaryId}/enrolments/{enrolmentId}/completion")
    @Operation(summary = "Complete an active enrolment")
    ResponseEntity<Object> complete(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                    @PathVariable @Pattern(regexp = ID) String enrolmentId,
                                    @Valid @RequestBody CompletionRequest request, Submission submission) {
        return submissions.noContent(submission, List.of(beneficiaryId, enrolmentId, request), () ->
                new CompleteEnrolment(beneficiaryId, enrolmentId, request.outcome(), request.completedOn()));
    }

    record WithdrawalRequest(@NotNull WithdrawalReason reason, @NotNull LocalDate withdrawnOn) {
    }

    @PostMapping("/{beneficiaryId}/enrolments/{enrolmentId}/withdrawal")
    @Operation(summary = "Withdraw from an active enrolment")
    ResponseEntity<Object> withdraw(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                    @PathVariable @Pattern(regexp = ID) String enrolmentId,
                                    @Valid @RequestBody WithdrawalRequest request, Submission submission) {
        return submissions.noContent(submission, List.of(beneficiaryId, enrolmentId, request), () ->
                new WithdrawFromEnrolment(beneficiaryId, enrolmentId, request.reason(), request.withdrawnOn()));
    }

    record DischargeRequest(@NotNull DischargeReason reason, @NotNull LocalDate dischargedOn) {
    }

    @PostMapping("/{beneficiaryId}/enrolments/{enrolmentId}/discharge")
    @Operation(summary = "Discharge from a social-care institution")
    ResponseEntity<Object> discharge(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                     @PathVariable @Pattern(regexp = ID) String enrolmentId,
                                     @Valid @RequestBody DischargeRequest request, Submission submission) {
        return submissions.noContent(submission, List.of(beneficiaryId, enrolmentId, request), () ->
                new DischargeFromInstitution(beneficiaryId, enrolmentId, request.reason(), request.dischargedOn()));
    }

    record ServiceRequest(@NotBlank @Pattern(regexp = ID) String enrolmentId,
                          @NotNull ServiceType type,
                          @NotNull LocalDate deliveredOn) {
    }

    @PostMapping("/{beneficiaryId}/services")
    @Operation(summary = "Record a service delivered within an active enrolment")
    ResponseEntity<Object> recordService(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                         @Valid @RequestBody ServiceRequest request, Submission submission) {
        return submissions.created(submission, List.of(beneficiaryId, request), "service",
                serviceId -> new RecordService(beneficiaryId, serviceId, request.enrolmentId(), request.type(),
                        request.deliveredOn()),
                serviceId -> "/api/beneficiaries/" + beneficiaryId + "/services/" + serviceId, "serviceId");
    }

    /** A take-over reason as it will be recorded; a reason that is no real text is a 400 naming the field. */
    private static String reason(String takeOverReason) {
        try {
            return StatedReason.of(takeOverReason).orElse(null);
        } catch (StatedReason.Invalid e) {
            throw new IllegalArgumentException("takeOverReason: " + e.getMessage());
        }
    }
}
