package ma.masar.api.query;

import java.util.List;

import ma.masar.api.partnership.PartnerType;

public record PartnershipCounts(Integer year, long agreementsSigned, long partners, List<ByPartnerType> byPartnerType) {

    public record ByPartnerType(PartnerType partnerType, long agreementsSigned, long partners) {
    }
}
