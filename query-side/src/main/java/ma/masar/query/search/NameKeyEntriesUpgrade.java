package ma.masar.query.search;

import ma.masar.query.infra.ProcessingGroups;
import ma.masar.query.infra.ReadModelUpgrade;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.stereotype.Component;

/**
 * A read store written before the name keys' entries ({@link NameKeyEntries}) as they are has the keys as documents
 * per key and bucket, or as entries without the sort name in their ids, which this code does not read: its search is
 * built again at the start (the reset handler drops the old collections too).
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
        return documents.hasOlderNameKeys();
    }

    @Override
    protected String why() {
        return "The search's name keys were kept as this version does not read them";
    }
}
