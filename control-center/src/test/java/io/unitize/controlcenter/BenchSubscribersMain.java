package io.unitize.controlcenter;

import io.unitize.core.nacos.RulesSubscriber;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Many agents in one process, for the freeze window at scale: {@code count} real {@link RulesSubscriber}s
 * on one channel, each with its own Nacos clients and its own agent id (as many agents as production would
 * run in as many processes, at the memory of one JVM). Arguments: nacosAddr unit count dataId:group.
 *
 * <p>Prints {@code BENCH-AGENT-READY <count>} once every subscriber has started, then for every version a
 * subscriber applies {@code BENCH-APPLIED <agentId> <version> <applied ms> <acknowledged ms>}: the milliseconds
 * from the document's {@code updatedAt} (stamped by the control center right before it publishes) to the
 * moment the subscriber's listener got the compiled snapshot, and to the moment its acknowledgement
 * (naming instance and {@code ack.<agentId>} item) was written. Runs until SIGTERM (the subscribers close in
 * a shutdown hook) or until its parent process ends; it does not wait on stdin (see {@link BenchAgentMain}).
 */
public final class BenchSubscribersMain {

    private BenchSubscribersMain() {
    }

    public static void main(String[] args) throws Exception {
        String nacos = args[0];
        String unit = args[1];
        int count = Integer.parseInt(args[2]);
        String[] channel = args[3].split(":", 2);
        List<RulesSubscriber> subscribers = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List<Thread> closing = new ArrayList<>();
            synchronized (subscribers) { // all at once: one close (ack item removed, instance deregistered, clients shut) takes seconds
                for (RulesSubscriber s : subscribers) {
                    closing.add(new Thread(s::close, "bench-agent-close-" + s.agentId()));
                }
            }
            closing.forEach(Thread::start);
            for (Thread t : closing) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-agents-close"));
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
        for (int i = 0; i < count; i++) {
            long[] appliedLag = {-1};
            RulesSubscriber s = RulesSubscriber.builder().serverAddr(nacos).unit(unit).agentKind("bench-agent")
                    .dataId(channel[0]).group(channel[1]).initialTimeout(Duration.ofSeconds(10)).reportIp("127.0.0.1")
                    .listener(snapshot -> appliedLag[0] = sinceUpdate(snapshot.rules().updatedAt()))
                    .build();
            s.applier().addAppliedHook((snapshot, content) -> System.out.println("BENCH-APPLIED " + s.agentId() + " "
                    + snapshot.version() + " " + appliedLag[0] + " " + sinceUpdate(snapshot.rules().updatedAt())));
            synchronized (subscribers) {
                subscribers.add(s.start());
            }
        }
        System.out.println("BENCH-AGENT-READY " + count);
        parseCost(subscribers.get(0));
        Thread.currentThread().join(); // until SIGTERM or the parent's end
    }

    /**
     * What one apply costs this JVM: the document in force parsed and compiled 10 times on this thread, its CPU
     * time each; prints {@code BENCH-PARSE-CPU <median ms> <min ms>} (the Nacos client's own work, the listener
     * and the acknowledgement write come on top).
     */
    private static void parseCost(RulesSubscriber s) {
        if (s.appliedVersion() <= 0) {
            return;
        }
        String json = s.snapshot().rules().toJson();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long[] ms = new long[10];
        for (int i = 0; i < ms.length; i++) {
            long t = cpu.getCurrentThreadCpuTime();
            io.unitize.core.UnitRules.fromJson(json).compile();
            ms[i] = (cpu.getCurrentThreadCpuTime() - t) / 1_000_000;
        }
        java.util.Arrays.sort(ms);
        System.out.println("BENCH-PARSE-CPU " + ms[ms.length / 2] + " " + ms[0]);
    }

    private static long sinceUpdate(Instant updatedAt) {
        return updatedAt == null ? -1 : Duration.between(updatedAt, Instant.now()).toMillis();
    }
}
