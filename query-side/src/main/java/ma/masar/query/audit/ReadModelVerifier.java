package ma.masar.query.audit;

import java.util.List;
import java.util.Map;

/** Rebuilds each read model beside the live one and lists every document that differs. */
public interface ReadModelVerifier {

    List<Map<String, Object>> verifyAll();
}
