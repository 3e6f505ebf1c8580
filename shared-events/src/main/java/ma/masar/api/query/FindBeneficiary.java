package ma.masar.api.query;

/** One person as the search knows them (names, national ID, enrolments); answered with a {@link BeneficiarySummary}. */
public record FindBeneficiary(String beneficiaryId) {
}
