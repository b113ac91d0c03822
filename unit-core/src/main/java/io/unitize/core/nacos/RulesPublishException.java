package io.unitize.core.nacos;

import io.unitize.core.UnitizeException;

import java.util.List;
import java.util.Map;

/**
 * Publishing a rules document did not reach every unit. {@link #published()} lists the units that
 * have the new version, {@link #failures()} the others with the reason; publishing the same
 * document again is safe (units that have it are left alone).
 */
public class RulesPublishException extends UnitizeException {

    private final long version;
    private final List<String> published;
    private final Map<String, String> failures;

    public RulesPublishException(long version, List<String> published, Map<String, String> failures) {
        super("rules version " + version + " was not published to every unit: failed " + failures
                + (published.isEmpty() ? "" : ", published to " + published) + "; publish it again when the failed units are reachable");
        this.version = version;
        this.published = List.copyOf(published);
        this.failures = Map.copyOf(failures);
    }

    public long version() {
        return version;
    }

    public List<String> published() {
        return published;
    }

    public Map<String, String> failures() {
        return failures;
    }
}
