package io.unitize.jobs.timeout;

/** A task handed to its callback: {@code attempt} counts from 1; the same task can come again after a failure or a crash. */
public record FiredTimeout(TimeoutTask task, int attempt, String unit) {
}
