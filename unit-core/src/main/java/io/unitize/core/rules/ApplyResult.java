package io.unitize.core.rules;

/**
 * What {@link RulesApplier#offer} did with a document.
 *
 * @param outcome        applied, already in force, or why it was refused
 * @param versionInForce the version in force afterwards (0 if none)
 * @param reason         why it was refused (names the source and the rule); null when it is in force
 */
public record ApplyResult(Outcome outcome, long versionInForce, String reason) {

    public enum Outcome {
        /** Compiled, given to every listener, swapped in. */
        APPLIED,
        /** The same document as the one in force (a reconnect): nothing done. */
        UNCHANGED,
        /** Not a valid rules document: UNITIZE-RULE-001. */
        REFUSED_INVALID,
        /** Valid, but its version is not newer than the one in force: UNITIZE-RULE-002. */
        REFUSED_STALE,
        /** A listener threw while putting it in force: UNITIZE-RULE-003. */
        REFUSED_BY_LISTENER
    }

    /** Whether the document offered is the one in force now. */
    public boolean inForce() {
        return outcome == Outcome.APPLIED || outcome == Outcome.UNCHANGED;
    }
}
