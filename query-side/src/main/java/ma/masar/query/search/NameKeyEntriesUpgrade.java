package ma.masar.query.search;

import ma.masar.query.infra.ProcessingGroups;
import ma.masar.query.infra.ReadModelUpgrade;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.stereotype.Component;

/**
 * A read store written before the name keys' entries ({@link NameKeyEntries}) has the keys as documents per key and
 * bucket, which this code does not read: its search is built again at the start (the reset handler drops the old
 * collection too).
 */
@Component
class NameKeyEntriesUpgrade extends ReadModelUpgrade {

    private final BeneficiaryDocuments documents;

    NameKeyEntriesUpgrade(BeneficiaryDocuments documents, EventProcessingConfiguration processing) {
        super(ProcessingGroups.SEARCH, processing);
        this.documents = documents;
    }

    @Override
    protected boolean due() {
        return documents.hasNameKeyBuckets();
    }

    @Override
    protected String why() {
        return "The search's name keys were kept in buckets";
    }
}
