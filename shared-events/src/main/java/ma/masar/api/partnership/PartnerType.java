package ma.masar.api.partnership;

public enum PartnerType { COMMUNE, PUBLIC_INSTITUTION, NATIONAL_NGO, FOREIGN_NGO, PRIVATE_COMPANY }
