package io.unitize.controlcenter;

import io.unitize.core.nacos.RulesSubscriber;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An agent process for the freeze-window benchmark, as agents run in production (one process each,
 * its own Nacos clients). Arguments: nacosAddr unit dataId:group [dataId:group …]; it subscribes to
 * each channel and runs until its parent process ends or stdin closes.
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
        System.out.println("BENCH-AGENT-READY");
        ProcessHandle.current().parent().ifPresent(p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(0)));
        while (System.in.read() >= 0) {
            // runs until stdin closes
        }
        subscribers.forEach(RulesSubscriber::close);
    }
}
