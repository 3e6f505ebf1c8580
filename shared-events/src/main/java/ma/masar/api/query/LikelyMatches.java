package ma.masar.api.query;

import java.util.List;

/** The answer to {@link FindLikelyMatches}: at most ten people, the likeliest first. */
public record LikelyMatches(List<LikelyMatch> matches) {
}
