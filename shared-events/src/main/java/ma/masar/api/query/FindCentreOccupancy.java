package ma.masar.api.query;

/** How many of a centre's seats are taken; answers with an empty result for an unknown centre. */
public record FindCentreOccupancy(String centreId) {
}
