package ma.masar.api.query;

/** Where one enrolment stands, as the read models see it. */
public enum EnrolmentStatus { ACTIVE, COMPLETED, WITHDRAWN, DISCHARGED, MOVED_TO_APPRENTICESHIP }
