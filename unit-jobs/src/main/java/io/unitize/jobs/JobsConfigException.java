package io.unitize.jobs;

import io.unitize.core.UnitizeConfigException;

/** A job, a lease or a timeout center that cannot work as configured: names the field, the rule and the value. */
public class JobsConfigException extends UnitizeConfigException {

    static final String ACTION = "Fix the job definition or the unitize.jobs.* property named above, as unit-jobs' README shows, then start again.";

    public JobsConfigException(String message) {
        super("UNITIZE-JOB-001 " + message, ACTION);
    }
}
