package ma.masar.api.beneficiary;

/** What a person (or their guardian) consents to. */
public enum ConsentScope {
    /** sharing their case data with a partner or another administration */
    DATA_SHARING,
    /** being referred to a partner organisation */
    REFERRAL,
    /** photographs and recordings of them */
    PHOTOGRAPHS,
    /** processing of health and disability details beyond what the care requires */
    HEALTH_DATA
}
