package io.unitize.core.spring;

import io.unitize.core.UnitizeConfigException;

/** The rules subscriber cannot be built from {@code unitize.unit} / {@code unitize.rules.*} (UNITIZE-RULE-016, -050). */
public class RulesConfigException extends UnitizeConfigException {

    RulesConfigException(IllegalArgumentException cause) {
        super(cause.getMessage() + " (from unitize.unit and unitize.rules.*)", "Set unitize.unit to this process's unit "
                + "code (1-32 lowercase letters, digits or '-') and unitize.rules.server-addr to that unit's Nacos; set "
                + "Nacos credentials in pairs (username with password, access-key with secret-key), then start again.", cause);
    }
}
