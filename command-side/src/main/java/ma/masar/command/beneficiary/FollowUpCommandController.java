package ma.masar.command.beneficiary;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ma.masar.api.followup.CancelFollowUp;
import ma.masar.api.followup.CompleteFollowUp;
import ma.masar.api.followup.FollowUpKind;
import ma.masar.api.followup.RecordReferralOutcome;
import ma.masar.api.followup.ReferralOutcome;
import ma.masar.api.followup.ScheduleFollowUp;
import ma.masar.api.followup.SetReferralDeadline;
import ma.masar.command.web.CurrentUser;
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

/**
 * Turns HTTP into the commands of a case's plan: follow-ups (schedule, done, cancel) and where a referral stands
 * (deadline, outcome). Same access as every case command: a social worker, on her centres' cases.
 */
@RestController
@RequestMapping("/api/beneficiaries/{beneficiaryId}")
@Tag(name = "Follow-ups", description = "Plan follow-ups on a case and track referrals to partners")
class FollowUpCommandController {

    private final Submissions submissions;
    private final CurrentUser currentUser;
    private final Clock clock;

    FollowUpCommandController(Submissions submissions, CurrentUser currentUser, Clock clock) {
        this.submissions = submissions;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    record FollowUpRequest(@NotNull FollowUpKind kind,
                           @NotBlank @Size(max = 1000) @Pattern(regexp = MULTI_LINE) String what,
                           @NotNull LocalDate dueOn,
                           @Pattern(regexp = ID) String assignedTo,
                           LocalDate scheduledOn) {
        @Override
        public String toString() {
            return "FollowUpRequest[kind=" + kind + ", what=redacted, dueOn=" + dueOn + "]";
        }
    }

    @PostMapping("/follow-ups")
    @Operation(summary = "Schedule a follow-up on the case",
            description = "What (a kind and a text), due when, assigned to whom (by default the sender). Refused "
                    + "(rule DueDateBeforeSchedule) when due before the day it is scheduled.")
    ResponseEntity<Object> schedule(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                    @Valid @RequestBody FollowUpRequest request, Submission submission) {
        return submissions.created(submission, List.of(beneficiaryId, request), "follow-up", followUpId -> {
            LocalDate scheduledOn = orToday(request.scheduledOn(), clock);
            String assignedTo = request.assignedTo() != null && !request.assignedTo().isBlank()
                    ? request.assignedTo() : currentUser.id();
            return new ScheduleFollowUp(beneficiaryId, followUpId, request.kind(), request.what().strip(),
                    request.dueOn(), assignedTo, scheduledOn);
        }, followUpId -> "/api/beneficiaries/" + beneficiaryId + "/follow-ups/" + followUpId, "followUpId");
    }

    record CompletionRequest(LocalDate doneOn) {
    }

    @PostMapping("/follow-ups/{followUpId}/completion")
    @Operation(summary = "Record a follow-up as done", description = "Refused (rule FollowUpAlreadyClosed) once done or cancelled.")
    ResponseEntity<Object> complete(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                    @PathVariable @Pattern(regexp = ID) String followUpId,
                                    @Valid @RequestBody(required = false) CompletionRequest request,
                                    Submission submission) {
        LocalDate doneOn = orToday(request == null ? null : request.doneOn(), clock);
        return submissions.noContent(submission, List.of(beneficiaryId, followUpId, "done", doneOn), () ->
                new CompleteFollowUp(beneficiaryId, followUpId, doneOn));
    }

    record CancellationRequest(LocalDate cancelledOn) {
    }

    @PostMapping("/follow-ups/{followUpId}/cancellation")
    @Operation(summary = "Cancel a follow-up", description = "Refused (rule FollowUpAlreadyClosed) once done or cancelled.")
    ResponseEntity<Object> cancel(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                  @PathVariable @Pattern(regexp = ID) String followUpId,
                                  @Valid @RequestBody(required = false) CancellationRequest request,
                                  Submission submission) {
        LocalDate cancelledOn = orToday(request == null ? null : request.cancelledOn(), clock);
        return submissions.noContent(submission, List.of(beneficiaryId, followUpId, "cancelled", cancelledOn), () ->
                new CancelFollowUp(beneficiaryId, followUpId, cancelledOn));
    }

    record DeadlineRequest(@NotNull LocalDate respondBy) {
    }

    @PostMapping("/referrals/{referralId}/deadline")
    @Operation(summary = "Set the date by which the partner should answer a referral")
    ResponseEntity<Object> deadline(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                    @PathVariable @Pattern(regexp = ID) String referralId,
                                    @Valid @RequestBody DeadlineRequest request, Submission submission) {
        return submissions.noContent(submission, List.of(beneficiaryId, referralId, request), () ->
                new SetReferralDeadline(beneficiaryId, referralId, request.respondBy()));
    }

    record OutcomeRequest(@NotNull ReferralOutcome outcome, LocalDate outcomeOn) {
    }

    @PostMapping("/referrals/{referralId}/outcome")
    @Operation(summary = "Record the partner's answer to a referral",
            description = "ACCEPTED, REFUSED or SERVICE_DELIVERED; an accepted referral may later be delivered. "
                    + "Refused (rule ReferralAlreadyClosed) after a refusal or a delivered service.")
    ResponseEntity<Object> outcome(@PathVariable @Pattern(regexp = ID) String beneficiaryId,
                                   @PathVariable @Pattern(regexp = ID) String referralId,
                                   @Valid @RequestBody OutcomeRequest request, Submission submission) {
        LocalDate outcomeOn = orToday(request.outcomeOn(), clock);
        return submissions.noContent(submission, List.of(beneficiaryId, referralId, request.outcome(), outcomeOn), () ->
                new RecordReferralOutcome(beneficiaryId, referralId, request.outcome(), outcomeOn));
    }
}
