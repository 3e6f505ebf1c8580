package ma.masar.query.infra;

/** The read models know nothing under this id (yet: they follow the events shortly after they are recorded): a 404. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
