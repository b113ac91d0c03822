package io.unitize.gateway.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Summary statistics of benchmark rounds: median, mean with a Student-t 95% confidence interval, the machine's load. */
final class BenchStats {

    /** Two-sided 95% Student t quantiles for 1..30 degrees of freedom. */
    private static final double[] T95 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
            2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    private BenchStats() {
    }

    static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** "mean [lo, hi] (95% CI, n rounds)" with the given number format. */
    static String meanCi(List<Double> v, String format) {
        int n = v.size();
        double m = mean(v);
        if (n < 2) {
            return String.format(format, m) + " (1 round, no CI)";
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - m) * (x - m);
        }
        double sd = Math.sqrt(ss / (n - 1));
        double t = n - 1 <= T95.length ? T95[n - 2] : 1.96;
        double half = t * sd / Math.sqrt(n);
        return String.format(format, m) + " [" + String.format(format, m - half) + ", " + String.format(format, m + half) + "] (95% CI, "
                + n + " rounds)";
    }

    /** The 1-minute load average from /proc/loadavg ("?" where there is none). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
