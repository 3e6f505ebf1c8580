package ma.masar.api.followup;

/** What kind of follow-up is planned; the free text says the rest (and is personal data). */
public enum FollowUpKind { HOME_VISIT, INTERVIEW, PHONE_CALL, DOCUMENTS, REFERRAL_CHECK, OTHER }
