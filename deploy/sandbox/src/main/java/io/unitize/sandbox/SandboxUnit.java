package io.unitize.sandbox;

import io.unitize.sandbox.internal.CanalNode;
import io.unitize.sandbox.internal.MariaDbNode;
import io.unitize.sandbox.internal.NacosNode;
import io.unitize.sandbox.internal.RedisNode;
import io.unitize.sandbox.internal.RocketMqNode;

import io.unitize.sandbox.internal.ServerNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The endpoints of one unit of the sandbox. Every address is on 127.0.0.1; asking for the
 * endpoint of a server kind that was not started fails with an {@link IllegalStateException}.
 */
public final class SandboxUnit {

    private final String code;
    private final boolean center;
    private final int index;
    private final Map<ServerKind, ServerNode> nodes = new ConcurrentHashMap<>();

    SandboxUnit(String code, boolean center, int index) {
        this.code = code;
        this.center = center;
        this.index = index;
    }

    void put(ServerKind kind, ServerNode node) {
        nodes.put(kind, node);
    }

    ServerNode node(ServerKind kind) {
        return nodes.get(kind);
    }

    /** Whether a server of this kind was started in this unit (it may be stopped for a fault test). */
    public boolean has(ServerKind kind) {
        return nodes.containsKey(kind);
    }

    /** Unit code, e.g. {@code center} or {@code unit-b}. */
    public String code() {
        return code;
    }

    /** Whether this is the center unit. */
    public boolean isCenter() {
        return center;
    }

    /** Position of the unit in the sandbox (0 = center); also the database's server-id minus one. */
    public int index() {
        return index;
    }

    /** Nacos server address for clients, {@code 127.0.0.1:port}. */
    public String nacosAddr() {
        return "127.0.0.1:" + started(ServerKind.NACOS, NacosNode.class).port();
    }

    /** Whether this unit's Nacos runs with authentication on ({@code UnitSandbox.Builder#nacosAuth}). */
    public boolean nacosAuthEnabled() {
        return started(ServerKind.NACOS, NacosNode.class).authEnabled();
    }

    /**
     * A setting in force of this unit's Nacos, as the running server read it at its start (so a
     * {@code -D} override, e.g. through {@code JAVA_TOOL_OPTIONS}, shows). Reported:
     * {@code nacos.naming.push.pushTaskDelay}, {@code nacos.naming.push.pushTaskTimeout},
     * {@code nacos.naming.push.pushTaskRetryDelay} (milliseconds, Nacos' defaults included) and
     * {@code nacos.config.push.maxRetryTime} when set.
     *
     * @return the value, or empty when the server does not report this setting
     * @throws ServerSettingsException when the server wrote no readable settings file
     */
    public Optional<String> nacosSetting(String name) {
        return started(ServerKind.NACOS, NacosNode.class).setting(name);
    }

    /** The Nacos admin user when authentication is on ({@code nacos}). */
    public String nacosUsername() {
        return NacosNode.AUTH_USERNAME;
    }

    /** The password of {@link #nacosUsername()}. */
    public String nacosPassword() {
        return NacosNode.AUTH_PASSWORD;
    }

    /** RocketMQ name server address, {@code 127.0.0.1:port}. */
    public String namesrvAddr() {
        return "127.0.0.1:" + started(ServerKind.ROCKETMQ, RocketMqNode.class).namesrvPort();
    }

    /** RocketMQ broker address, {@code 127.0.0.1:port} (for admin calls such as topic creation). */
    public String brokerAddr() {
        return "127.0.0.1:" + started(ServerKind.ROCKETMQ, RocketMqNode.class).brokerPort();
    }

    /** RocketMQ cluster name of this unit's broker. */
    public String rocketmqCluster() {
        return started(ServerKind.ROCKETMQ, RocketMqNode.class).clusterName();
    }

    /**
     * Creates (or updates) a topic with {@code queues} read and write queues on this unit's broker and
     * waits until its name server routes it, so that a consumer started next is assigned its queues at
     * once (the client otherwise learns new topics only on its 20-30 s refresh). Needs
     * {@code org.apache.rocketmq:rocketmq-tools} on the caller's (test) classpath.
     */
    public void createTopic(String topic, int queues) {
        RocketMqAdmin.createTopic(this, topic, queues);
    }

    /** MariaDB port on 127.0.0.1. */
    public int dbPort() {
        return started(ServerKind.MARIADB, MariaDbNode.class).port();
    }

    /** JDBC URL of a database (schema) of this unit, user {@link #dbUser()}, password {@link #dbPassword()}. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + dbPort() + "/" + database;
    }

    /** Database user with every privilege (loopback only). */
    public String dbUser() {
        return MariaDbNode.ADMIN_USER;
    }

    /** Password of {@link #dbUser()}. */
    public String dbPassword() {
        return MariaDbNode.ADMIN_PASSWORD;
    }

    /** The database's {@code server_id} (origin of rows in the binlog). */
    public long dbServerId() {
        return started(ServerKind.MARIADB, MariaDbNode.class).serverId();
    }

    /** Redis URI, {@code redis://127.0.0.1:port}. */
    public String redisUri() {
        return "redis://127.0.0.1:" + started(ServerKind.REDIS, RedisNode.class).port();
    }

    /** Canal server port on 127.0.0.1 for {@code canal.client}. */
    public int canalPort() {
        return started(ServerKind.CANAL, CanalNode.class).port();
    }

    /** Canal destination (instance name) that reads this unit's binlog: the unit code. */
    public String canalDestination() {
        started(ServerKind.CANAL, CanalNode.class);
        return code;
    }

    /** Every endpoint that is up, by name, for printing. */
    public Map<String, String> describe() {
        Map<String, String> out = new LinkedHashMap<>();
        if (has(ServerKind.NACOS)) {
            out.put("nacos", nacosAddr() + "  (HTTP http://" + nacosAddr() + "/nacos)"
                    + (nacosAuthEnabled() ? ", authentication on: user " + nacosUsername() + "/" + nacosPassword() : ""));
        }
        if (has(ServerKind.ROCKETMQ)) {
            out.put("rocketmq", "namesrv " + namesrvAddr() + ", broker " + brokerAddr() + ", cluster " + rocketmqCluster());
        }
        if (has(ServerKind.MARIADB)) {
            out.put("mariadb", jdbcUrl("") + "  user " + dbUser() + (dbPassword().isEmpty() ? " (no password)" : "/" + dbPassword())
                    + ", server_id " + dbServerId() + ", replicates both ways");
        }
        if (has(ServerKind.REDIS)) {
            out.put("redis", redisUri());
        }
        if (has(ServerKind.CANAL)) {
            out.put("canal", "127.0.0.1:" + canalPort() + "  destination " + canalDestination());
        }
        return out;
    }

    private <T extends ServerNode> T started(ServerKind kind, Class<T> type) {
        ServerNode node = nodes.get(kind);
        if (node == null) {
            throw new IllegalStateException("UNITIZE-SANDBOX-010 " + kind + " is not started in unit " + code
                    + "; ask for it when starting the sandbox (servers(...) or @SandboxServers)");
        }
        return type.cast(node);
    }
}
