package ma.masar.command.centre;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ma.masar.api.centre.ChangeCentreCapacity;
import ma.masar.api.centre.CloseCentre;
import ma.masar.api.centre.ConvertToApprenticeshipCentre;
import ma.masar.api.centre.OpenCentre;
import ma.masar.api.common.CentreType;
import ma.masar.api.common.Operator;
import ma.masar.api.common.Region;
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
import static ma.masar.command.web.Text.NAME;
import static ma.masar.command.web.Text.SINGLE_LINE;

@RestController
@RequestMapping("/api/centres")
@Tag(name = "Centres", description = "Open, resize, convert and close centres")
class CentreCommandController {

    private final Submissions submissions;

    CentreCommandController(Submissions submissions) {
        this.submissions = submissions;
    }

    record OpenCentreRequest(@NotNull CentreType type,
                             @NotBlank @Size(max = 200) @Pattern(regexp = SINGLE_LINE) String nameAr,
                             @NotBlank @Size(max = 200) @Pattern(regexp = SINGLE_LINE) String nameFr,
                             @NotNull Region region,
                             @NotBlank @Size(max = 100) @Pattern(regexp = NAME) String province,
                             @NotNull @Min(1) @Max(100_000) Integer capacity,
                             Operator.OperatorKind operatorKind,
                             @Size(max = 200) @Pattern(regexp = SINGLE_LINE) String partnerName,
                             @Size(max = 100) @Pattern(regexp = SINGLE_LINE) String authorisationReference,
                             @NotNull LocalDate openedOn) {
    }

    @PostMapping
    @Operation(summary = "Open a centre")
    ResponseEntity<Object> open(@Valid @RequestBody OpenCentreRequest request, Submission submission) {
        return submissions.created(submission, request, "centre", centreId -> {
            Operator operator = request.operatorKind() == Operator.OperatorKind.PARTNER
                    ? new Operator(Operator.OperatorKind.PARTNER, request.partnerName()) : Operator.agency();
            return new OpenCentre(centreId, request.type(), request.nameAr(), request.nameFr(), request.region(),
                    request.province(), request.capacity(), operator, request.authorisationReference(),
                    request.openedOn());
        }, centreId -> "/api/centres/" + centreId, "centreId");
    }

    record CapacityRequest(@NotNull @Min(0) @Max(100_000) Integer capacity, @NotNull LocalDate effectiveOn) {
    }

    @PostMapping("/{centreId}/capacity")
    @Operation(summary = "Change a centre's seat capacity")
    ResponseEntity<Object> changeCapacity(@PathVariable @Pattern(regexp = ID) String centreId,
                                          @Valid @RequestBody CapacityRequest request, Submission submission) {
        return submissions.noContent(submission, List.of(centreId, request), () ->
                new ChangeCentreCapacity(centreId, request.capacity(), request.effectiveOn()));
    }

    record ConversionRequest(@NotNull LocalDate convertedOn) {
    }

    @PostMapping("/{centreId}/conversion")
    @Operation(summary = "Convert a vocational-familiarisation centre into an apprenticeship centre")
    ResponseEntity<Object> convert(@PathVariable @Pattern(regexp = ID) String centreId,
                                   @Valid @RequestBody ConversionRequest request, Submission submission) {
        return submissions.noContent(submission, List.of(centreId, request), () ->
                new ConvertToApprenticeshipCentre(centreId, request.convertedOn()));
    }

    record ClosureRequest(@NotNull LocalDate closedOn,
                          @NotBlank @Size(max = 500) @Pattern(regexp = SINGLE_LINE) String reason) {
    }

    @PostMapping("/{centreId}/closure")
    @Operation(summary = "Close a centre (no active enrolments left)")
    ResponseEntity<Object> close(@PathVariable @Pattern(regexp = ID) String centreId,
                                 @Valid @RequestBody ClosureRequest request, Submission submission) {
        return submissions.noContent(submission, List.of(centreId, request), () ->
                new CloseCentre(centreId, request.closedOn(), request.reason()));
    }
}
