package io.unitize.sandbox.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Canal 1.1.7 server in a child JVM reading one unit's binlog as the {@code canal} user; the
 * destination (instance name) is the unit code. Meta and store are in memory: a restarted Canal
 * server reads from the binlog's current end.
 */
public final class CanalNode extends SingleProcessNode {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final String unit;
    private final Path home;
    private final int port;
    private final MariaDbNode db;

    public CanalNode(String unit, Path home, MariaDbNode db) {
        this.unit = unit;
        this.home = home;
        this.db = db;
        this.port = Ports.free();
    }

    public int port() {
        return port;
    }

    @Override
    public String name() {
        return "canal[" + unit + "]";
    }

    @Override
    public void start(Consumer<String> log) {
        List<String> jvm = List.of("-Xms32m", "-Xmx128m", "-Duser.home=" + home,
                "-Dcanal.destination=" + unit, "-Dcanal.port=" + port,
                "-Dcanal.db.port=" + db.port(), "-Dcanal.db.user=" + MariaDbNode.CANAL_USER,
                "-Dcanal.db.password=" + MariaDbNode.CANAL_PASSWORD, "-Dcanal.slaveId=" + (1000 + db.serverId()));
        process = new ManagedProcess(name(), JavaChildCommand.of("canal", jvm,
                "io.unitize.sandbox.canal.CanalServerMain", List.of()), home, home.resolve("out.log"));
        process.start();
        process.awaitReady(() -> process.logContains("CANAL-READY") && Ports.listening(port), READY_TIMEOUT, log);
    }
}
