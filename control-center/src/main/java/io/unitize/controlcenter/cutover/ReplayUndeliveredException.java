package io.unitize.controlcenter.cutover;

import io.unitize.core.UnitizeException;

import java.util.Map;

/**
 * An operator's redelivery of a finished cutover's replay requests was refused again by a target
 * unit. Nothing else changed; the control center keeps trying at every reconcile tick.
 */
public class ReplayUndeliveredException extends UnitizeException {

    private final String cutoverId;
    private final Map<String, String> refusedByUnit;

    public ReplayUndeliveredException(String cutoverId, Map<String, String> refusedByUnit) {
        super("replay request of cutover " + cutoverId + " still not delivered to " + refusedByUnit
                + "; the control center tries again at every reconcile tick");
        this.cutoverId = cutoverId;
        this.refusedByUnit = Map.copyOf(refusedByUnit);
    }

    public String cutoverId() {
        return cutoverId;
    }

    /** Each target unit that refused, with why. */
    public Map<String, String> refusedByUnit() {
        return refusedByUnit;
    }
}
