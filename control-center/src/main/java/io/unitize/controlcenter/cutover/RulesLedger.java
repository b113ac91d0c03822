package io.unitize.controlcenter.cutover;

import io.unitize.core.StaleRulesException;
import io.unitize.core.UnitRules;

import java.util.Optional;

/** Every rules version the control center has issued, newest is the one in force. */
public interface RulesLedger {

    /** Why a version was issued. */
    enum Purpose { EDIT, FREEZE, SWITCH, ROLLBACK }

    /** The longest reason a version may carry (the store's column holds this many characters). */
    int MAX_REASON_LENGTH = 1024;

    Optional<UnitRules> latest();

    /**
     * Stores {@code rules}; its version must be exactly one more than the latest.
     *
     * @throws StaleRulesException if another version was stored meanwhile
     */
    void append(UnitRules rules, Purpose purpose, String cutoverId);

    /** The version a cutover issued for a purpose, if it did (to resume after a restart). */
    Optional<Long> versionFor(String cutoverId, Purpose purpose);
}
