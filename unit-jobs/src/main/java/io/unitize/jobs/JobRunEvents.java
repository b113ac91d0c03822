package io.unitize.jobs;

import java.time.Duration;

/**
 * Each fire of a job handled by {@link UnitJobRunner}, for meters ({@code io.unitize.jobs.micrometer.JobsMetrics})
 * or any other listener. Keep it cheap and never throw. {@link #NONE} ignores everything.
 */
public interface JobRunEvents {

    JobRunEvents NONE = new JobRunEvents() {
    };

    /** {@code took}: how long the fire took in this instance (the body's run for RAN and FAILED, the decision otherwise). */
    default void finished(String job, JobRunOutcome outcome, Duration took) {
    }
}
