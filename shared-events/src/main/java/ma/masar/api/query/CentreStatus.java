package ma.masar.api.query;

public enum CentreStatus { OPEN, CLOSED }
