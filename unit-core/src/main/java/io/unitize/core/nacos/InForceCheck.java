package io.unitize.core.nacos;

import io.unitize.core.InvalidRulesException;
import io.unitize.core.UnitDirectory;
import io.unitize.core.UnitRules;

/**
 * The stale and index checks of a publication against a unit's document in force, the same for the units
 * {@link RulesPublisher#publish(UnitRules, java.util.Set)} waits for and the others (no Nacos needed).
 */
final class InForceCheck {

    /** What a unit's document in force asks of a publication. */
    enum Verdict {
        /** None, an older version, or an invalid document: write it. */
        WRITE,
        /** Exactly this version is there: nothing to write. */
        THERE_ALREADY,
        /** A newer or equal, different version is there: do not write it. */
        NEWER
    }

    private InForceCheck() {
    }

    /**
     * The verdict on publishing {@code rules} (as {@code json}) over {@code content} (null when there is none).
     *
     * @throws io.unitize.core.UnitIndexChangedException if {@code rules} changes a unit's index that an older,
     *         valid document in force gives (nothing is to be written)
     */
    static Verdict of(String content, UnitRules rules, String json) {
        if (content == null) {
            return Verdict.WRITE;
        }
        long current = versionOf(content);
        if (current == rules.version() && content.equals(json)) {
            return Verdict.THERE_ALREADY;
        }
        if (current >= rules.version()) {
            return Verdict.NEWER;
        }
        requireIndexesKept(content, rules);
        return Verdict.WRITE;
    }

    /** A version of a stored document, or 0 when what is stored is not a valid document (so anything replaces it). */
    static long versionOf(String content) {
        try {
            return UnitRules.fromJson(content).version();
        } catch (InvalidRulesException e) {
            return 0;
        }
    }

    /** A valid document in force whose units[] gives indexes: {@code next} must keep them (else nothing is written). */
    private static void requireIndexesKept(String inForce, UnitRules next) {
        UnitRules before;
        try {
            before = UnitRules.fromJson(inForce);
        } catch (InvalidRulesException e) {
            return; // an invalid document in force is replaced
        }
        UnitDirectory.of(before).requireIndexesKeptBy(UnitDirectory.of(next));
    }
}
