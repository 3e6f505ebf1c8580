package ma.masar.api.beneficiary;

public enum CompletionOutcome { CERTIFICATE, JOB, FURTHER_TRAINING, OTHER }
