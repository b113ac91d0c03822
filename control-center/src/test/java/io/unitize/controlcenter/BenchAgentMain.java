package io.unitize.controlcenter;

import io.unitize.core.nacos.RulesSubscriber;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent process for the freeze-window benchmark, as agents run in production (one process each,
 * its own Nacos clients). Arguments: nacosAddr unit dataId:group [dataId:group …]; it subscribes to
 * each channel and runs until it is stopped (SIGTERM: the benchmark's {@code destroy()}, the subscribers
 * close in a shutdown hook) or its parent process ends. It does not wait on stdin: a child's stdin
 * was seen at end of file right after start under failsafe, so agents closed (deregistered) at once.
 */
public final class BenchAgentMain {

    private BenchAgentMain() {
    }

    public static void main(String[] args) throws Exception {
        List<RulesSubscriber> subscribers = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            String[] channel = args[i].split(":", 2);
            subscribers.add(RulesSubscriber.builder().serverAddr(args[0]).unit(args[1]).agentKind("bench-agent")
                    .dataId(channel[0]).group(channel[1]).initialTimeout(Duration.ofSeconds(3)).reportIp("127.0.0.1")
                    .build().start());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> subscribers.forEach(RulesSubscriber::close), "bench-agent-close"));
        System.out.println("BENCH-AGENT-READY");
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
        Thread.currentThread().join(); // until SIGTERM or the parent's end
    }
}
