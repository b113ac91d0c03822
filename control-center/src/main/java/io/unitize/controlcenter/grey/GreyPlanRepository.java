package io.unitize.controlcenter.grey;

import java.util.List;
import java.util.Optional;

/** Where grey plans survive a restart. {@link #save} must be durable when it returns. */
public interface GreyPlanRepository {

    void save(GreyPlan plan);

    Optional<GreyPlan> find(String id);

    /** Plans not DONE, FAILED or ABORTED, oldest first. */
    List<GreyPlan> unfinished();

    /** The most recent plans, newest first. */
    List<GreyPlan> recent(int limit);
}
