package ma.masar.api.query;

/** Every fact of one beneficiary's case in the order it happened, worded in {@code language} ({@code ar} or {@code fr}). */
public record FindCaseTimeline(String beneficiaryId, String language) {
}
