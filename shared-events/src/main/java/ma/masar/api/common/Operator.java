package ma.masar.api.common;

/** Who runs a centre: the agency itself or a partner (commune, NGO, ...), named. */
public record Operator(OperatorKind kind, String partnerName) {

    public enum OperatorKind { AGENCY, PARTNER }

    public static Operator agency() {
        return new Operator(OperatorKind.AGENCY, null);
    }
}
