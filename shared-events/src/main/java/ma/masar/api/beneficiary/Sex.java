package ma.masar.api.beneficiary;

public enum Sex { FEMALE, MALE }
