package ma.masar.query.audit;

import ma.masar.api.audit.CaseOpened;
import ma.masar.api.beneficiary.AboutBeneficiary;
import ma.masar.api.beneficiary.BeneficiaryRegistered;
import ma.masar.api.beneficiary.CaseNoteAdded;
import ma.masar.api.beneficiary.ConsentGiven;
import ma.masar.api.beneficiary.ConsentWithdrawn;
import ma.masar.api.beneficiary.PersonalDataErased;
import ma.masar.api.beneficiary.ReferredToPartner;
import ma.masar.api.beneficiary.DischargedFromInstitution;
import ma.masar.api.beneficiary.EnrolledInProgramme;
import ma.masar.api.beneficiary.EnrolmentCompleted;
import ma.masar.api.beneficiary.EnrolmentWithdrawn;
import ma.masar.api.beneficiary.MovedToApprenticeship;
import ma.masar.api.beneficiary.Placement;
import ma.masar.api.beneficiary.ServiceDelivered;
import ma.masar.api.centre.CentreCapacityChanged;
import ma.masar.api.centre.CentreClosed;
import ma.masar.api.centre.CentreConvertedToApprenticeship;
import ma.masar.api.centre.CentreOpened;
import ma.masar.api.centre.SeatReleased;
import ma.masar.api.centre.SeatTaken;
import ma.masar.api.common.ProgrammeType;
import ma.masar.api.partnership.PartnershipAmended;
import ma.masar.api.partnership.PartnershipEnded;
import ma.masar.api.partnership.PartnershipSigned;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * What an auditor narrows the event log to. Metadata and timestamps are checked before the payload is
 * deserialized, so a scan over a large store stays cheap for the events it skips.
 */
public record EventFilter(String beneficiaryId,
                          String centreId,
                          ProgrammeType programme,
                          String type,
                          String userId,
                          LocalDate occurredFrom,
                          LocalDate occurredTo,
                          Instant recordedFrom,
                          Instant recordedTo) {

    public static final EventFilter NONE = new EventFilter(null, null, null, null, null, null, null, null, null);

    boolean matches(EventMessage<?> event) {
        if (recordedFrom != null && event.getTimestamp().isBefore(recordedFrom)) {
            return false;
        }
        if (recordedTo != null && event.getTimestamp().isAfter(recordedTo)) {
            return false;
        }
        if (userId != null && !userId.equals(event.getMetaData().get("userId"))) {
            return false;
        }
        if (type != null && !type.equals(event.getPayloadType().getSimpleName())) {
            return false;
        }
        Object payload = event.getPayload();
        if (beneficiaryId != null && !beneficiaryId.equals(beneficiaryOf(event, payload))) {
            return false;
        }
        if (centreId != null && !centreId.equals(event.getMetaData().get("centreId"))
                && placements(payload).noneMatch(p -> centreId.equals(p.centreId()))) {
            return false;
        }
        if (programme != null && placements(payload).noneMatch(p -> programme == p.programme())
                && !(payload instanceof SeatTaken seat && seat.programme() == programme)) {
            return false;
        }
        if (occurredFrom != null || occurredTo != null) {
            LocalDate occurred = occurredOn(payload);
            if (occurred == null || (occurredFrom != null && occurred.isBefore(occurredFrom))
                    || (occurredTo != null && occurred.isAfter(occurredTo))) {
                return false;
            }
        }
        return true;
    }

    static String beneficiaryOf(EventMessage<?> event, Object payload) {
        if (payload instanceof AboutBeneficiary about) {
            return about.beneficiaryId();
        }
        if (payload instanceof CaseOpened opened) {
            return opened.beneficiaryId();
        }
        if (payload instanceof SeatTaken seat) {
            return seat.beneficiaryId();
        }
        if (payload instanceof SeatReleased seat) {
            return seat.beneficiaryId();
        }
        return event instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : null;
    }

    static Stream<Placement> placements(Object payload) {
        if (payload instanceof EnrolledInProgramme e) {
            return Stream.of(e.placement());
        } else if (payload instanceof EnrolmentCompleted e) {
            return Stream.of(e.placement());
        } else if (payload instanceof EnrolmentWithdrawn e) {
            return Stream.of(e.placement());
        } else if (payload instanceof DischargedFromInstitution e) {
            return Stream.of(e.placement());
        } else if (payload instanceof ServiceDelivered e) {
            return Stream.of(e.placement());
        } else if (payload instanceof MovedToApprenticeship e) {
            return Stream.of(e.orientation(), e.apprenticeship());
        }
        return Stream.empty();
    }

    /** The business date of a fact: when it happened, as opposed to when it was recorded. */
    static LocalDate occurredOn(Object payload) {
        if (payload instanceof BeneficiaryRegistered e) return e.registeredOn();
        if (payload instanceof EnrolledInProgramme e) return e.placement().enrolledOn();
        if (payload instanceof EnrolmentCompleted e) return e.completedOn();
        if (payload instanceof EnrolmentWithdrawn e) return e.withdrawnOn();
        if (payload instanceof DischargedFromInstitution e) return e.dischargedOn();
        if (payload instanceof MovedToApprenticeship e) return e.contractDate();
        if (payload instanceof ServiceDelivered e) return e.deliveredOn();
        if (payload instanceof CaseNoteAdded e) return e.writtenOn();
        if (payload instanceof ConsentGiven e) return e.givenOn();
        if (payload instanceof ConsentWithdrawn e) return e.withdrawnOn();
        if (payload instanceof ReferredToPartner e) return e.referredOn();
        if (payload instanceof PersonalDataErased e) return e.erasedOn();
        if (payload instanceof ma.masar.api.beneficiary.DifferentPersonStated e) return e.statedOn();
        if (payload instanceof ma.masar.api.beneficiary.BeneficiariesMerged e) return e.mergedOn();
        if (payload instanceof ma.masar.api.beneficiary.MergeUndone e) return e.undoneOn();
        if (payload instanceof CentreOpened e) return e.openedOn();
        if (payload instanceof CentreCapacityChanged e) return e.effectiveOn();
        if (payload instanceof CentreConvertedToApprenticeship e) return e.convertedOn();
        if (payload instanceof CentreClosed e) return e.closedOn();
        if (payload instanceof SeatTaken e) return e.takenOn();
        if (payload instanceof SeatReleased e) return e.releasedOn();
        if (payload instanceof PartnershipSigned e) return e.signedOn();
        if (payload instanceof PartnershipAmended e) return e.amendedOn();
        if (payload instanceof PartnershipEnded e) return e.endedOn();
        return null;
    }

    boolean onlyBeneficiary() {
        return beneficiaryId != null && java.util.Arrays.asList(centreId, programme, type, userId, occurredFrom, occurredTo,
                recordedFrom, recordedTo).stream().allMatch(Objects::isNull);
    }
}
