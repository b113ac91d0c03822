package io.unitize.jobs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a Spring {@code @Scheduled} method under the unit rules: it runs where {@link #mode()} says,
 * one instance of a unit at a time, once per fire. The method takes no argument; it reads
 * {@link JobContext#current()} for its ranges and fencing token.
 *
 * <pre>{@code
 * @UnitJob(name = "buyer-stats", mode = JobMode.UNIT, fireWindow = "PT1M")
 * @Scheduled(cron = "0 * * * * *")
 * void buyerStats() {
 *     JobContext ctx = JobContext.current().orElseThrow();
 *     for (SlotRange r : ctx.ranges()) { stats.scan(ctx.slotCount(), r.from(), r.to()); }
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface UnitJob {

    /** The job's name, its lease's key; default {@code SimpleClassName.method}. */
    String name() default "";

    JobMode mode();

    /** ISO-8601 duration: longer than the longest run (past it another instance may start). */
    String leaseFor() default "PT5M";

    /**
     * ISO-8601 duration: fires of the unit's instances within one window (counted from the epoch) are one
     * fire and run once. Set it to the schedule's period (a cron every minute: {@code PT1M}); instances
     * with a {@code cron} fire at the same instants.
     */
    String fireWindow() default "PT1S";
}
