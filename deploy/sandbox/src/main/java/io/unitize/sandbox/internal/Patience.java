package io.unitize.sandbox.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How long the sandbox waits for a server to be ready. Every server kind has a base timeout; when
 * it passes on a busy machine (one-minute load average above the number of cores) the wait goes
 * on, in proportion to the load, up to {@value #MAX_FACTOR} times the base, and the sandbox says so
 * (UNITIZE-SANDBOX-051). System property {@value #FACTOR_PROPERTY} sets a factor explicitly (at
 * least 1; the larger of it and the load's is used). A server that is ready earlier is used at once.
 */
public final class Patience {

    public static final String FACTOR_PROPERTY = "unitize.sandbox.timeoutFactor";
    static final double MAX_FACTOR = 4.0;

    private Patience() {
    }

    /** {@code base} widened for the machine's load now (and the configured factor). */
    public static Duration widened(Duration base) {
        return Duration.ofMillis((long) (base.toMillis() * factor()));
    }

    /** The factor in force now: the larger of the configured one and the load's. */
    public static double factor() {
        return Math.max(configuredFactor(), forLoad(loadAverage(), Runtime.getRuntime().availableProcessors()));
    }

    /** Words for a log line: the load and the factor. */
    static String describeLoad() {
        return String.format("load average %.1f on %d cores", loadAverage(), Runtime.getRuntime().availableProcessors());
    }

    /** 1 while the load is at most the number of cores, then load / cores, at most {@value #MAX_FACTOR}. */
    static double forLoad(double load, int cores) {
        if (cores <= 0 || !(load > cores)) {
            return 1.0;
        }
        return Math.min(MAX_FACTOR, load / cores);
    }

    /** The factor of {@value #FACTOR_PROPERTY}, 1 when unset; refuses a value that is not a number from 1 to 100. */
    static double configuredFactor() {
        String s = System.getProperty(FACTOR_PROPERTY);
        if (s == null || s.isBlank()) {
            return 1.0;
        }
        try {
            double f = Double.parseDouble(s.trim());
            if (f >= 1.0 && f <= 100.0) {
                return f;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException("UNITIZE-SANDBOX-019 -D" + FACTOR_PROPERTY + " must be a number from 1 to 100,"
                + " but was '" + s + "'");
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        }
    }
}
