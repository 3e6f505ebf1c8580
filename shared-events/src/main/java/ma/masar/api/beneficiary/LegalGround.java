package ma.masar.api.beneficiary;

/** Why a person's data is erased (law 09-08, supervised by the CNDP): recorded with the erasure. */
public enum LegalGround {
    /** the person withdrew the consent the processing rested on */
    CONSENT_WITHDRAWN,
    /** the data is no longer needed for the purpose it was collected for */
    NO_LONGER_NECESSARY,
    /** the person objected to the processing on legitimate grounds */
    OBJECTION,
    /** the data was processed unlawfully */
    UNLAWFUL_PROCESSING,
    /** a legal obligation requires the erasure */
    LEGAL_OBLIGATION,
    /** the CNDP ordered it */
    CNDP_ORDER
}
