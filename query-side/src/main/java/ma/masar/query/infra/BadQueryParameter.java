package ma.masar.query.infra;

/** A query parameter the read models cannot answer (an unknown region, a page size over the limit...): a 400. */
public class BadQueryParameter extends RuntimeException {

    private final String parameter;

    public BadQueryParameter(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
