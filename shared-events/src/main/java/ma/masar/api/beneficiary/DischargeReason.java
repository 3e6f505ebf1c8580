package ma.masar.api.beneficiary;

public enum DischargeReason { RETURNED_TO_FAMILY, REACHED_ADULTHOOD, TRANSFERRED, AUTONOMOUS, DECEASED, OTHER }
