package io.unitize.controlcenter.cutover;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Operators' requests to stop a running cutover; a step sees one at its next check and fails, so the rollback follows. */
final class AbortRequests {

    private final Map<String, String> byCutover = new ConcurrentHashMap<>();

    void request(String cutoverId, String operator) {
        byCutover.put(cutoverId, operator);
    }

    void forget(String cutoverId) {
        byCutover.remove(cutoverId);
    }

    /** A check for {@link Retry#checking}: fails while the cutover can still be rolled back and an operator asked for it. */
    Retry.Check of(Cutover c) {
        return () -> {
            String by = byCutover.get(c.id());
            if (by != null && c.status() == CutoverStatus.RUNNING && c.step().beforeSwitch()) {
                throw new StepFailedException("rolled back on request of operator " + by);
            }
        };
    }
}
