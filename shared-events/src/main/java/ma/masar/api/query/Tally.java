package ma.masar.api.query;

/**
 * Enrolments counted by where they stand: {@code enrolled} all that started; {@code active} those still running;
 * the rest by how they ended. A move to apprenticeship ends an orientation enrolment and starts an apprenticeship one.
 */
public record Tally(long enrolled, long active, long completed, long withdrawn, long discharged,
                    long movedToApprenticeship) {

    public static final Tally ZERO = new Tally(0, 0, 0, 0, 0, 0);

    public Tally plus(Tally other) {
        return new Tally(enrolled + other.enrolled, active + other.active, completed + other.completed,
                withdrawn + other.withdrawn, discharged + other.discharged,
                movedToApprenticeship + other.movedToApprenticeship);
    }
}
