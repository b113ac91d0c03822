package io.unitize.core.rules;

import io.unitize.core.RulesSnapshot;

/**
 * Puts a new rules snapshot in force in an agent (swap the router's table, the guard's snapshot...).
 * Returns only when every new call/statement/message will see it: the subscriber reports the
 * version as applied after all listeners have returned. Throwing keeps the previous version.
 */
@FunctionalInterface
public interface RulesListener {

    void apply(RulesSnapshot snapshot) throws Exception;
}
