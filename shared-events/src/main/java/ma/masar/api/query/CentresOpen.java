package ma.masar.api.query;

import ma.masar.api.common.CentreType;

public record CentresOpen(CentreType type, long open) {
}
