package io.unitize.rpc.dubbo;

import java.util.Set;

/** Provider URL parameters that carry Unitize's routing metadata through the registry. */
public final class UnitizeParams {

    /** The provider's unit, e.g. {@code unit-b}. */
    public static final String UNIT = "unitize.unit";
    /** The service's route type: UNIT, CENTER or DEFAULT. */
    public static final String ROUTE = "unitize.route";
    static final Set<String> ALL = Set.of(UNIT, ROUTE);
    /** Invocation attribute: the unit decided for this call (by the zone detector or the router). */
    static final String TARGET_ATTRIBUTE = "unitize.target";

    private UnitizeParams() {
    }
}
