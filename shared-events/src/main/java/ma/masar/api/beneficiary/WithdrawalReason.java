package ma.masar.api.beneficiary;

public enum WithdrawalReason { FAMILY, EMPLOYMENT, MARRIAGE, MOVED_AWAY, HEALTH, LOST_CONTACT, OTHER }
