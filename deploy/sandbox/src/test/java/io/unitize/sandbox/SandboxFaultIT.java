package io.unitize.sandbox;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A server killed like a crash comes back on the same port, for the fault tests of later modules. */
@SandboxServers({ServerKind.REDIS, ServerKind.MARIADB})
class SandboxFaultIT {

    @Test
    void redisKilledAndStartedAgainAnswersOnTheSameAddress(UnitSandbox sandbox) {
        SandboxUnit b = sandbox.unit("unit-b");
        String uri = b.redisUri();
        RedisClient client = RedisClient.create(uri);
        try {
            sandbox.killServer("unit-b", ServerKind.REDIS);
            assertThatThrownBy(() -> client.connect().close()).as("Redis is down").isNotNull();
            sandbox.startServer("unit-b", ServerKind.REDIS);
            assertThat(b.redisUri()).isEqualTo(uri);
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                c.sync().set("fault-it", "back");
                assertThat(c.sync().get("fault-it")).isEqualTo("back");
            }
        } finally {
            client.shutdown();
        }
    }

    @Test
    void databaseKilledAndStartedAgainCatchesUpOnReplication(UnitSandbox sandbox) throws Exception {
        SandboxUnit center = sandbox.unit("center");
        SandboxUnit b = sandbox.unit("unit-b");
        try (Connection c = DriverManager.getConnection(center.jdbcUrl("mysql"), center.dbUser(), center.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS sandbox_fault");
            s.execute("CREATE TABLE IF NOT EXISTS sandbox_fault.t (id BIGINT PRIMARY KEY, v VARCHAR(32))");
        }
        SandboxClients.await(() -> SandboxClients.queryString(b, "SELECT COUNT(*) FROM sandbox_fault.t"), "0"::equals);
        sandbox.killServer("unit-b", ServerKind.MARIADB);
        try (Connection c = DriverManager.getConnection(center.jdbcUrl("sandbox_fault"), center.dbUser(), center.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO t VALUES (1, 'written-while-b-was-down')");
        }
        sandbox.startServer("unit-b", ServerKind.MARIADB);
        assertThat(SandboxClients.await(() -> SandboxClients.queryString(b, "SELECT v FROM sandbox_fault.t WHERE id=1"),
                "written-while-b-was-down"::equals)).isEqualTo("written-while-b-was-down");
        // and unit-b's writes still reach the center
        try (Connection c = DriverManager.getConnection(b.jdbcUrl("sandbox_fault"), b.dbUser(), b.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO t VALUES (2, 'from-b-after-restart')");
        }
        assertThat(SandboxClients.await(() -> SandboxClients.queryString(center, "SELECT v FROM sandbox_fault.t WHERE id=2"),
                "from-b-after-restart"::equals)).isEqualTo("from-b-after-restart");
    }
}
