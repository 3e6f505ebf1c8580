package ma.masar.api.beneficiary;

/** The household situation recorded at registration, as the agency's social workers classify it. */
public enum HouseholdSituation {
    POOR_HOUSEHOLD,
    SINGLE_PARENT,
    ORPHAN,
    ABANDONED_CHILD,
    ELDERLY_WITHOUT_SUPPORT,
    WOMAN_IN_DIFFICULTY,
    HOMELESS,
    OTHER
}
