package ma.masar.command.partnership;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ma.masar.api.partnership.AmendPartnership;
import ma.masar.api.partnership.EndPartnership;
import ma.masar.api.partnership.PartnerType;
import ma.masar.api.partnership.SignPartnership;
import ma.masar.command.web.Submission;
import ma.masar.command.web.Submissions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static ma.masar.command.web.Text.ID;
import static ma.masar.command.web.Text.SINGLE_LINE;

@RestController
@RequestMapping("/api/partnerships")
@Tag(name = "Partnerships", description = "Partnership agreements with communes, public bodies, NGOs and companies")
class PartnershipCommandController {

    private final Submissions submissions;

    PartnershipCommandController(Submissions submissions) {
        this.submissions = submissions;
    }

    record SignRequest(@NotBlank @Pattern(regexp = ID) String partnerId,
                       @NotBlank @Size(max = 200) @Pattern(regexp = SINGLE_LINE) String partnerName,
                       @NotNull PartnerType partnerType,
                       @NotBlank @Size(max = 500) @Pattern(regexp = SINGLE_LINE) String subject,
                       @DecimalMax("1000000000000") @Digits(integer = 13, fraction = 2) BigDecimal amountMad,
                       @NotNull LocalDate startsOn,
                       LocalDate endsOn,
                       @Size(max = 1000) List<@Pattern(regexp = ID) String> centreIds,
                       @NotNull LocalDate signedOn) {
    }

    @PostMapping
    @Operation(summary = "Sign a partnership agreement")
    ResponseEntity<Object> sign(@Valid @RequestBody SignRequest request, Submission submission) {
        return submissions.created(submission, request, "partnership",
                partnershipId -> new SignPartnership(partnershipId, request.partnerId(), request.partnerName(),
                        request.partnerType(), request.subject(), request.amountMad(), request.startsOn(),
                        request.endsOn(), centres(request.centreIds()), request.signedOn()),
                partnershipId -> "/api/partnerships/" + partnershipId, "partnershipId");
    }

    record AmendRequest(@NotBlank @Size(max = 500) @Pattern(regexp = SINGLE_LINE) String subject,
                        @DecimalMax("1000000000000") @Digits(integer = 13, fraction = 2) BigDecimal amountMad,
                        LocalDate endsOn,
                        @Size(max = 1000) List<@Pattern(regexp = ID) String> centreIds,
                        @NotNull LocalDate amendedOn,
                        @NotBlank @Size(max = 500) @Pattern(regexp = SINGLE_LINE) String reason) {
    }

    @PostMapping("/{partnershipId}/amendments")
    @Operation(summary = "Amend an agreement's terms")
    ResponseEntity<Object> amend(@PathVariable @Pattern(regexp = ID) String partnershipId,
                                 @Valid @RequestBody AmendRequest request, Submission submission) {
        return submissions.noContent(submission, List.of(partnershipId, request), () ->
                new AmendPartnership(partnershipId, request.subject(), request.amountMad(), request.endsOn(),
                        centres(request.centreIds()), request.amendedOn(), request.reason()));
    }

    record EndRequest(@NotNull LocalDate endedOn, @NotBlank @Size(max = 500) @Pattern(regexp = SINGLE_LINE) String reason) {
    }

    @PostMapping("/{partnershipId}/end")
    @Operation(summary = "End an agreement")
    ResponseEntity<Object> end(@PathVariable @Pattern(regexp = ID) String partnershipId,
                               @Valid @RequestBody EndRequest request, Submission submission) {
        return submissions.noContent(submission, List.of(partnershipId, request), () ->
                new EndPartnership(partnershipId, request.endedOn(), request.reason()));
    }

    private static List<String> centres(List<String> centreIds) {
        return centreIds == null ? List.of() : centreIds;
    }
}
