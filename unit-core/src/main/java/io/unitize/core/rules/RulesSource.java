package io.unitize.core.rules;

import io.unitize.core.RulesSnapshot;
import io.unitize.core.UnitDirectory;
import io.unitize.core.UnitDirectoryListener;

/**
 * Where an agent's rules come from: the Nacos subscription of its unit
 * ({@code io.unitize.core.nacos.RulesSubscriber}) or a file ({@link FileRulesSource}). Both put
 * documents in force through a {@link RulesApplier}, so they accept, refuse and report alike.
 */
public interface RulesSource extends AutoCloseable {

    /** The snapshot in force; throws {@link io.unitize.core.RulesUnavailableException} if none was ever applied. */
    RulesSnapshot snapshot();

    /** The version in force, 0 if none. */
    long appliedVersion();

    /** Adds a listener; it is given the snapshot in force right away, if any. */
    void addListener(RulesListener listener) throws Exception;

    RulesMetrics metrics();

    /** The unit this agent runs in. */
    String unit();

    /** The unit directory in force seen from this agent's unit (field reads); {@link io.unitize.core.RulesUnavailableException} before any rules. */
    default UnitDirectory.Local directory() {
        return snapshot().directory().seenFrom(unit());
    }

    /**
     * The unit directory in force seen from this agent's unit, or empty before any rules were applied: what a
     * starter reads at startup to resolve a fact (the center, this unit's index, an endpoint) that a deprecated
     * property may still repeat (see {@link io.unitize.core.DeprecatedUnitProperty}).
     */
    default java.util.Optional<UnitDirectory.Local> directoryIfApplied() {
        if (appliedVersion() == 0) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(directory());
        } catch (io.unitize.core.RulesUnavailableException e) {
            return java.util.Optional.empty();
        }
    }

    /** Adds a listener told when a version changes the unit directory (and now, with previous = null, if rules are in force). */
    default void addDirectoryListener(UnitDirectoryListener listener) throws Exception {
        addListener(new DirectoryChanges(unit(), listener));
    }

    @Override
    void close();
}
