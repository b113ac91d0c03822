package io.unitize.mq.it;

import io.unitize.mq.NoBuyerPolicy;
import io.unitize.mq.SubscriptionMode;
import io.unitize.mq.rocketmq.MessageReplicator;
import io.unitize.mq.rocketmq.UnitConsumer;
import io.unitize.mq.rocketmq.UnitProducer;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replication lag under a steady flow on the sandbox (gated: {@code -Dunitize.bench=true}; run by
 * {@code mq-unit-subscribe/bench/run.sh}). Producers in the center send at a fixed rate; an ALL_UNIT
 * group consumes in both units. Per message, in the same run: produce -> consumed in the center
 * (local delivery, the baseline), produce -> consumed in unit-b (through the replicator), and the
 * replicator's own figure, produce -> accepted by unit-b's broker. Writes bench/results/replication.md.
 */
@SandboxServers({ServerKind.ROCKETMQ})
@EnabledIfSystemProperty(named = "unitize.bench", matches = "true")
class ReplicationLagBenchmarkIT {

    private static final String TOPIC = "BENCH_REPLICATION";
    private static final int[] RATES = {200, 1000, 2000, 4000};
    /** Synchronous sends: one producer thread per 500 msg/s of the rate, at least 4. */
    private static final int MSG_PER_SECOND_PER_THREAD = 500;
    private static final Duration RUN = Duration.ofSeconds(15);

    @Test
    void lag(UnitSandbox sandbox) throws Exception {
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        for (SandboxUnit u : sandbox.units()) {
            MqFixture.createTopic(u, TOPIC);
        }
        ConcurrentLinkedQueue<Long> local = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> remote = new ConcurrentLinkedQueue<>();
        MessageReplicator replicator = MessageReplicator.builder().from(center.code(), center.namesrvAddr()).to(b.code(), b.namesrvAddr())
                .topic(TOPIC).build().start();
        UnitConsumer inCenter = UnitConsumer.builder().namesrv(center.namesrvAddr()).unit(center.code()).group("bench-all").mode(SubscriptionMode.ALL_UNIT)
                .noBuyer(NoBuyerPolicy.CENTER).subscribe(TOPIC, "*").replayTopic(null).threads(8)
                .listener(m -> local.add(System.currentTimeMillis() - Long.parseLong(m.bodyAsString()))).build().start();
        UnitConsumer inB = UnitConsumer.builder().namesrv(b.namesrvAddr()).unit(b.code()).group("bench-all").mode(SubscriptionMode.ALL_UNIT)
                .noBuyer(NoBuyerPolicy.CENTER).subscribe(TOPIC, "*").replayTopic(null).threads(8)
                .listener(m -> remote.add(System.currentTimeMillis() - Long.parseLong(m.bodyAsString()))).build().start();
        UnitProducer producer = UnitProducer.start(center.namesrvAddr(), "bench-producer", center.code());
        StringBuilder rows = new StringBuilder();
        List<String> missed = new ArrayList<>();
        try {
            send(producer, 200, Duration.ofSeconds(3)); // warm-up
            awaitCount(local, remote);
            for (int rate : RATES) {
                local.clear();
                remote.clear();
                replicator.lag().reset();
                long sent = send(producer, rate, RUN);
                awaitCount(local, remote);
                long[] l = sorted(local);
                long[] r = sorted(remote);
                rows.append(String.format("| %,d msg/s | %d | %,d (%,.0f msg/s) | %d / %d / %d | %d / %d / %d | %d / %d |%n", rate,
                        producerThreads(rate), sent, sent / (double) RUN.toSeconds(),
                        pct(l, 50), pct(l, 99), l[l.length - 1], pct(r, 50), pct(r, 99), r[r.length - 1],
                        replicator.lag().percentile(50), replicator.lag().percentile(99)));
                if (pct(r, 99) >= 1_000) {
                    missed.add(String.format("%,d msg/s (p99 %d ms)", rate, pct(r, 99)));
                }
                if (local.size() < sent || remote.size() < sent) {
                    throw new AssertionError("not every message arrived: sent " + sent + ", center " + local.size() + ", unit-b " + remote.size());
                }
            }
        } finally {
            producer.close();
            inB.close();
            inCenter.close();
            replicator.close();
        }
        String md = "# Replication lag (mq-unit-subscribe)\n\n- date: " + Instant.now() + "\n- machine: " + Runtime.getRuntime().availableProcessors()
                + " cores, JDK " + System.getProperty("java.version") + "; both units' name servers and brokers (sandbox), the replicator, "
                + "producers and consumers share the cores; load average at the end (1/5/15 min): " + io.unitize.sandbox.BenchFacts.loadAverage()
                + "\n- command: `./mvnw -B -o -pl mq-unit-subscribe -am verify -Dtest=NoSuchTest "
                + "-Dit.test=ReplicationLagBenchmarkIT -Dunitize.bench=true -Dsurefire.failIfNoSpecifiedTests=false "
                + "-Dfailsafe.failIfNoSpecifiedTests=false` (`mq-unit-subscribe/bench/run.sh` runs it too, after the filter's JMH)\n"
                + "- flow: producer threads in the center (one per " + MSG_PER_SECOND_PER_THREAD + " msg/s, at least 4), paced to the rate, "
                + RUN.toSeconds() + " s per rate, synchronous sends; "
                + "an ALL_UNIT group (8 threads) in each unit; lag = consumer's clock - the send time in the body (one clock: same machine)\n"
                + "- baseline, same run and same messages: the center's own consumer (local delivery, no replication)\n\n"
                + "| rate | producer threads | messages (sent per s) | center: produce -> consumed p50 / p99 / max (ms) "
                + "| unit-b via replicator: produce -> consumed "
                + "p50 / p99 / max (ms) | replicator: produce -> accepted by unit-b p50 / p99 (ms) |\n|---|---|---|---|---|---|\n"
                + rows + "\nTarget: replication lag p99 < 1 s: "
                + (missed.isEmpty() ? "met at every rate" : "missed at " + String.join(", ", missed)) + ".\n";
        Path out = Path.of("bench", "results", "replication.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, md);
        System.out.println(md);
    }

    private static long send(UnitProducer producer, int rate, Duration run) throws InterruptedException {
        AtomicLong sent = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + run.toNanos();
        int threadCount = producerThreads(rate);
        int perThread = rate / threadCount;
        for (int t = 0; t < threadCount; t++) {
            long buyerBase = t * 1_000_000L;
            Thread th = new Thread(() -> {
                long n = 0;
                while (true) {
                    long due = start + (long) (n * 1e9 / perThread);
                    if (due > end) {
                        return;
                    }
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        try {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    try {
                        producer.send(TOPIC, "B", null, Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8),
                                buyerBase + n, null);
                        sent.incrementAndGet();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    n++;
                }
            });
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            th.join();
        }
        return sent.get();
    }

    private static int producerThreads(int rate) {
        return Math.max(4, rate / MSG_PER_SECOND_PER_THREAD);
    }

    private static void awaitCount(ConcurrentLinkedQueue<Long> local, ConcurrentLinkedQueue<Long> remote) throws InterruptedException {
        int stable = 0;
        int last = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (stable < 20 && System.nanoTime() < deadline) { // 2 s without a new arrival: drained
            Thread.sleep(100);
            int now = local.size() + remote.size();
            stable = now == last ? stable + 1 : 0;
            last = now;
        }
    }

    private static long[] sorted(ConcurrentLinkedQueue<Long> q) {
        return q.stream().mapToLong(Long::longValue).sorted().toArray();
    }

    private static long pct(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100 * sorted.length) - 1))];
    }
}
