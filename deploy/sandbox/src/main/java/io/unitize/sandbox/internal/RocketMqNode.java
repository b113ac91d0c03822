package io.unitize.sandbox.internal;

import io.unitize.sandbox.SandboxStartException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A RocketMQ 5.5 name server and one broker for a unit, each in its own child JVM, with a store
 * small enough for a laptop. The broker also opens its fast-remoting port at -2 and its HA port
 * at +1 (the latter on every interface), so those are picked free together.
 */
public final class RocketMqNode implements ServerNode {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final String unit;
    private final Path home;
    private final int namesrvPort;
    private final int brokerPort;
    private ManagedProcess namesrv;
    private ManagedProcess broker;
    private boolean cameUp;

    public RocketMqNode(String unit, Path home) {
        this.unit = unit;
        this.home = home;
        this.namesrvPort = Ports.free();
        this.brokerPort = Ports.freeWithOffsets(-2, 1);
    }

    public int namesrvPort() {
        return namesrvPort;
    }

    public int brokerPort() {
        return brokerPort;
    }

    public String clusterName() {
        return "sandbox-" + unit;
    }

    @Override
    public String name() {
        return "rocketmq[" + unit + "]";
    }

    @Override
    public void start(Consumer<String> log) {
        try {
            Files.createDirectories(home);
            Path nsConf = home.resolve("namesrv.conf");
            Files.writeString(nsConf, String.join("\n",
                    "listenPort=" + namesrvPort,
                    "bindAddress=127.0.0.1",
                    "kvConfigPath=" + home.resolve("namesrv/kvConfig.json"),
                    "configStorePath=" + home.resolve("namesrv/namesrv.properties"), ""));
            Path brokerConf = home.resolve("broker.conf");
            Path store = home.resolve("store");
            Files.writeString(brokerConf, String.join("\n",
                    "brokerClusterName=" + clusterName(),
                    "brokerName=broker-" + unit,
                    "brokerId=0",
                    "brokerIP1=127.0.0.1",
                    "brokerIP2=127.0.0.1",
                    "bindAddress=127.0.0.1",
                    "namesrvAddr=127.0.0.1:" + namesrvPort,
                    "listenPort=" + brokerPort,
                    "haListenPort=" + (brokerPort + 1),
                    "autoCreateTopicEnable=true",
                    "autoCreateSubscriptionGroup=true",
                    "storePathRootDir=" + store,
                    "storePathCommitLog=" + store.resolve("commitlog"),
                    "mappedFileSizeCommitLog=16777216",
                    "mappedFileSizeConsumeQueue=200000",
                    "maxHashSlotNum=10000",
                    "maxIndexNum=40000",
                    "mappedFileSizeTimerLog=4194304",
                    "timerWheelEnable=false",
                    "timerMaxDelaySec=3600",
                    "diskMaxUsedSpaceRatio=98",
                    "flushDiskType=ASYNC_FLUSH", ""));
            List<String> common = List.of("-Drocketmq.home.dir=" + home, "-Duser.home=" + home,
                    "-Drocketmq.client.logRoot=" + home.resolve("logs"), "-XX:MaxDirectMemorySize=64m");
            namesrv = new ManagedProcess(name() + " namesrv", JavaChildCommand.of("rocketmq",
                    concat(common, "-Xms32m", "-Xmx96m"),
                    "org.apache.rocketmq.namesrv.NamesrvStartup", List.of("-c", nsConf.toString())),
                    home, home.resolve("namesrv.out.log"));
            namesrv.start();
            namesrv.awaitReady(() -> namesrv.logContains("boot success") && Ports.listening(namesrvPort), READY_TIMEOUT, log);
            broker = new ManagedProcess(name() + " broker", JavaChildCommand.of("rocketmq",
                    concat(common, "-Xms64m", "-Xmx160m"),
                    "org.apache.rocketmq.broker.BrokerStartup", List.of("-c", brokerConf.toString())),
                    home, home.resolve("broker.out.log"));
            broker.start();
            broker.awaitReady(() -> broker.logContains("boot success") && Ports.listening(brokerPort), READY_TIMEOUT, log);
            cameUp = true;
        } catch (IOException e) {
            throw new SandboxStartException("UNITIZE-SANDBOX-020 cannot write RocketMQ configuration under " + home, e);
        }
    }

    /** A broker that never came up drops its half-made store; a restarted one keeps its messages. */
    @Override
    public String prepareRetry() {
        if (cameUp) {
            return "on the same data";
        }
        try {
            NativeBinaries.deleteTree(home.resolve("store"));
            NativeBinaries.deleteTree(home.resolve("namesrv"));
        } catch (IOException e) {
            return "on the same data (could not delete its store: " + e.getMessage() + ")";
        }
        return "with a fresh store";
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(List.of(b));
        return out;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.stop();
        }
        if (namesrv != null) {
            namesrv.stop();
        }
    }

    @Override
    public void kill() {
        if (broker != null) {
            broker.kill();
        }
        if (namesrv != null) {
            namesrv.kill();
        }
    }

    @Override
    public List<ManagedProcess> processes() {
        List<ManagedProcess> out = new ArrayList<>();
        if (namesrv != null) {
            out.add(namesrv);
        }
        if (broker != null) {
            out.add(broker);
        }
        return out;
    }
}
