package ma.masar.access;

/**
 * What a person does at the agency, and so what Masar lets them see and change. The names are those of the
 * identity provider's realm roles, upper-cased ({@code social_worker} is {@link #SOCIAL_WORKER}).
 */
public enum Role {
    /** Follows and records the cases of the centres they are assigned to. */
    SOCIAL_WORKER,
    /** Reads everything, history included; starts rebuilds and verifications; changes nothing. */
    AUDITOR,
    /** Reads programme counts and dashboards: never a name, an ID number, a note or a timeline. */
    MANAGER,
    /** Runs centres, partnerships, users and operations; erases personal data on a lawful request. */
    ADMINISTRATOR;

    /** Spring Security's name for the role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
