package ma.masar.api.beneficiary;

/** A message about one beneficiary: the audit log, access control and erasure key off this id. */
public interface AboutBeneficiary {
    String beneficiaryId();
}
