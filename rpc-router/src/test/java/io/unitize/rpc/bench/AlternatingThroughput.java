package io.unitize.rpc.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;

/**
 * Dubbo call throughput with the router vs without it, on {@link RouterBenchmark.Dubbo}'s two or
 * more providers per unit, measured in alternating windows (with, without, without, with, ...) so that the machine's drift (steal time, JIT, GC) hits both sides alike; JMH
 * runs one benchmark after the other, which on this 2-vCPU VM lets drift decide the ratio. Prints
 * each window and the ratio of the totals. {@code java ... AlternatingThroughput [rounds] [windowMs] [threads]}
 */
public final class AlternatingThroughput {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        long windowMs = args.length > 1 ? Long.parseLong(args[1]) : 2_000;
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        RouterBenchmark.Dubbo dubbo = new RouterBenchmark.Dubbo();
        dubbo.start();
        try {
            LongUnaryOperator with = dubbo.routed::echo;
            LongUnaryOperator without = dubbo.plain::echo;
            window(with, 5_000, threads); // warm-up, both sides
            window(without, 5_000, threads);
            long withTotal = 0;
            long withoutTotal = 0;
            List<Double> ratios = new ArrayList<>();
            System.out.println("round | with router calls/s | without router calls/s | ratio");
            for (int r = 0; r < rounds; r++) {
                boolean withFirst = r % 2 == 0;
                long a = window(withFirst ? with : without, windowMs, threads);
                long b = window(withFirst ? without : with, windowMs, threads);
                long w = withFirst ? a : b;
                long wo = withFirst ? b : a;
                withTotal += w;
                withoutTotal += wo;
                ratios.add((double) w / wo);
                System.out.printf("%d | %,d | %,d | %.3f%n", r + 1, w * 1000 / windowMs, wo * 1000 / windowMs, (double) w / wo);
            }
            double mean = ratios.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double sd = Math.sqrt(ratios.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum() / (ratios.size() - 1));
            double half = studentT975(ratios.size() - 1) * sd / Math.sqrt(ratios.size());
            double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double median = (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
            System.out.printf("total: with router %,d calls/s, without %,d calls/s; ratio of totals %.3f; mean of window ratios %.3f "
                            + "(sd %.3f, 95%% CI of the mean [%.3f, %.3f], Student t, %d rounds); median %.3f; %d rounds of %d ms, "
                            + "%d client threads, %d providers per unit%n",
                    withTotal * 1000 / (windowMs * rounds), withoutTotal * 1000 / (windowMs * rounds), (double) withTotal / withoutTotal,
                    mean, sd, mean - half, mean + half, rounds, median, rounds, windowMs, threads, dubbo.providersPerUnit);
        } finally {
            dubbo.stop();
        }
        System.exit(0); // Dubbo's Nacos client threads would keep the JVM alive
    }

    /**
     * The 97.5% quantile of Student's t with {@code df} degrees of freedom (two-sided 95%): within 1%
     * for df >= 5, 0.05% for df >= 19.
     */
    static double studentT975(int df) {
        // Cornish-Fisher expansion around the normal quantile 1.959964
        double z = 1.959964;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df);
    }

    /** Calls completed by {@code threads} closed-loop callers in {@code millis}. */
    private static long window(LongUnaryOperator call, long millis, int threads) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + millis * 1_000_000;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    long buyer = ThreadLocalRandom.current().nextLong(10_000); // slots of both units
                    if (call.applyAsLong(buyer) != buyer) {
                        throw new IllegalStateException("wrong answer");
                    }
                    n++;
                }
                done.addAndGet(n);
            });
            th.start();
            ts.add(th);
        }
        for (Thread th : ts) {
            th.join();
        }
        return done.get();
    }
}
