package ma.masar.api.followup;

/** A partner's answer to a referral. {@code ACCEPTED} may still be followed by {@code SERVICE_DELIVERED}. */
public enum ReferralOutcome {
    ACCEPTED, REFUSED, SERVICE_DELIVERED;

    /** Nothing is recorded about the referral after a final outcome. */
    public boolean isFinal() {
        return this != ACCEPTED;
    }
}
