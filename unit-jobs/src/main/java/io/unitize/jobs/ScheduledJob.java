package io.unitize.jobs;

/** The body of a job: one run, given what this unit may touch now. */
@FunctionalInterface
public interface ScheduledJob {
    void run(JobContext context) throws Exception;
}
