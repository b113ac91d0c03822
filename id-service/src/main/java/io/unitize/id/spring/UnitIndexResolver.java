package io.unitize.id.spring;

import io.unitize.core.DeprecatedUnitProperty;
import io.unitize.core.UnitDirectory;
import io.unitize.core.rules.RulesSource;

import java.util.Optional;

/**
 * This unit's index for the ids: from the unit directory ({@code units[].index} of the rules
 * document, through the process's one {@link RulesSource}); the deprecated
 * {@code unitize.id.unit-index} only where the directory gives none, and refused when it disagrees.
 */
final class UnitIndexResolver {

    static final String PROPERTY = "unitize.id.unit-index";

    private UnitIndexResolver() {
    }

    /** The directory in force, if the process has a subscriber with rules. */
    static Optional<UnitDirectory> directoryOf(RulesSource rules) {
        return rules == null ? Optional.empty() : rules.directoryIfApplied().map(UnitDirectory.Local::all);
    }

    static int resolve(String unit, Integer localIndex, Optional<UnitDirectory> directory, int unitBits) {
        Integer fromDirectory = directory.flatMap(d -> {
            d.unit(unit); // an id unit the directory does not declare: UNITIZE-RULE-060
            var i = d.indexOf(unit);
            return i.isPresent() ? Optional.of(i.getAsInt()) : Optional.empty();
        }).orElse(null);
        Integer index = DeprecatedUnitProperty.named(PROPERTY, "units[] index of unit " + unit).resolve(localIndex, fromDirectory);
        if (index == null) {
            throw new IdConfigException("UNITIZE-ID-040 unit " + unit + " has no index: give it \"index\" in the rules "
                    + "document's units[] (published by the control center; the process needs unitize.unit and its rules), or, "
                    + "for one release, the deprecated " + PROPERTY + " (0.." + ((1 << unitBits) - 1) + ", different in every unit)");
        }
        if (index >= 1 << unitBits) {
            throw new IdConfigException("UNITIZE-ID-044 unit " + unit + " has index " + index + ", which does not fit "
                    + "unitize.id.unit-bits=" + unitBits + " (0.." + ((1 << unitBits) - 1) + "); raise unit-bits on every unit");
        }
        return index;
    }
}
