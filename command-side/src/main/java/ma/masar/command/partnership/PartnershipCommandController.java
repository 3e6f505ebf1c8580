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
import ma.masar.command.web.CommandSender;
import ma.masar.command.web.IdempotencyKeys;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static ma.masar.command.web.Text.ID;
import static ma.masar.command.web.Text.SINGLE_LINE;

@RestController
@RequestMapping("/api/partnerships")
@Tag(name = "Partnerships", description = "Partnership agreements with communes, public bodies, NGOs and companies")
class PartnershipCommandController {

    private final CommandSender commands;
    private final IdempotencyKeys idempotency;

    PartnershipCommandController(CommandSender commands, IdempotencyKeys idempotency) {
        this.commands = commands;
        this.idempotency = idempotency;
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
    ResponseEntity<Object> sign(@Valid @RequestBody SignRequest request,
                                @RequestHeader(value = "Idempotency-Key", required = false) String key,
                                @RequestHeader(value = "X-Correlation-Id", required = false) String correlationId) {
        return idempotency.execute(key, request, () -> {
            String partnershipId = idempotency.idFor(key, "partnership");
            commands.send(new SignPartnership(partnershipId, request.partnerId(), request.partnerName(),
                    request.partnerType(), request.subject(), request.amountMad(), request.startsOn(), request.endsOn(),
                    request.centreIds() == null ? List.of() : request.centreIds(), request.signedOn()), correlationId);
            return ResponseEntity.created(URI.create("/api/partnerships/" + partnershipId))
                    .body(Map.of("partnershipId", partnershipId));
        });
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
                                 @Valid @RequestBody AmendRequest request,
                                 @RequestHeader(value = "Idempotency-Key", required = false) String key,
                                 @RequestHeader(value = "X-Correlation-Id", required = false) String correlationId) {
        return idempotency.execute(key, List.of(partnershipId, request), () -> {
            commands.send(new AmendPartnership(partnershipId, request.subject(), request.amountMad(), request.endsOn(),
                    request.centreIds() == null ? List.of() : request.centreIds(), request.amendedOn(),
                    request.reason()), correlationId);
            return ResponseEntity.noContent().build();
        });
    }

    record EndRequest(@NotNull LocalDate endedOn, @NotBlank @Size(max = 500) @Pattern(regexp = SINGLE_LINE) String reason) {
    }

    @PostMapping("/{partnershipId}/end")
    @Operation(summary = "End an agreement")
    ResponseEntity<Object> end(@PathVariable @Pattern(regexp = ID) String partnershipId,
                               @Valid @RequestBody EndRequest request,
                               @RequestHeader(value = "Idempotency-Key", required = false) String key,
                               @RequestHeader(value = "X-Correlation-Id", required = false) String correlationId) {
        return idempotency.execute(key, List.of(partnershipId, request), () -> {
            commands.send(new EndPartnership(partnershipId, request.endedOn(), request.reason()), correlationId);
            return ResponseEntity.noContent().build();
        });
    }
}
