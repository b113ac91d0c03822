package io.unitize.cache.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.unitize.cache.InvalidationPlanner;
import io.unitize.cache.InvalidationRule;
import io.unitize.cache.KeyTemplate;
import io.unitize.cache.PlanExecutor;
import io.unitize.cache.Scope;
import io.unitize.cache.canal.BinlogInvalidator;
import io.unitize.cache.canal.CanalBinlogSource;
import io.unitize.cache.lettuce.LettuceKeyDeleter;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One invalidator per unit on the sandbox (MariaDB replicating both ways, Canal per unit database,
 * Redis per unit): a change written in either unit removes the keys of an ALL_UNITS table from both
 * units' Redis (handled once, by the origin unit's invalidator), and a LOCAL table's keys from each
 * unit's own Redis.
 */
@SandboxServers({ServerKind.MARIADB, ServerKind.CANAL, ServerKind.REDIS})
class BinlogInvalidationIT {

    private static final String DB = "it_cache";
    private static final List<AutoCloseable> CLOSE = new ArrayList<>();
    private static final Map<String, StatefulRedisConnection<String, String>> REDIS = new LinkedHashMap<>();
    private static final Map<String, BinlogInvalidator> INVALIDATORS = new LinkedHashMap<>();
    private static UnitSandbox sandbox;

    @BeforeAll
    static void start(UnitSandbox sb) throws Exception {
        sandbox = sb;
        SandboxUnit center = sandbox.center();
        try (Connection c = DriverManager.getConnection(center.jdbcUrl(""), center.dbUser(), center.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + DB);
            s.execute("CREATE TABLE IF NOT EXISTS " + DB + ".orders (id BIGINT PRIMARY KEY, buyer_id BIGINT NOT NULL, state VARCHAR(16))");
            s.execute("CREATE TABLE IF NOT EXISTS " + DB + ".cart (buyer_id BIGINT PRIMARY KEY, items INT)");
        }
        Map<String, String> redisByUnit = new LinkedHashMap<>();
        for (SandboxUnit u : sandbox.units()) {
            redisByUnit.put(u.code(), u.redisUri());
            RedisClient client = RedisClient.create(u.redisUri());
            CLOSE.add(client::shutdown);
            REDIS.put(u.code(), client.connect());
        }
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        CLOSE.add(later::shutdownNow);
        List<String> units = sandbox.units().stream().map(SandboxUnit::code).toList();
        for (SandboxUnit u : sandbox.units()) {
            LettuceKeyDeleter deleter = new LettuceKeyDeleter(redisByUnit, Duration.ofSeconds(2));
            CLOSE.add(deleter);
            InvalidationPlanner planner = new InvalidationPlanner(u.code(), u.dbServerId(), units, List.of(
                    new InvalidationRule("orders", List.of(KeyTemplate.parse("order:{buyer_id}:{id}")), Scope.ALL_UNITS, null),
                    new InvalidationRule("cart", List.of(KeyTemplate.parse("cart:{buyer_id}")), Scope.LOCAL, Duration.ofMillis(300))));
            PlanExecutor executor = new PlanExecutor(deleter, Duration.ofMillis(100), Duration.ofSeconds(2), d -> Thread.sleep(d.toMillis()),
                    System::currentTimeMillis);
            BinlogInvalidator inv = new BinlogInvalidator(new CanalBinlogSource(new InetSocketAddress("127.0.0.1", u.canalPort()),
                    u.canalDestination(), DB + "\\..*"), planner, executor, later).start(u.code());
            INVALIDATORS.put(u.code(), inv);
        }
        Thread.sleep(1_000); // let both connect and subscribe before the first change
    }

    @AfterAll
    static void stop() throws Exception {
        for (BinlogInvalidator inv : INVALIDATORS.values()) {
            inv.close();
        }
        REDIS.values().forEach(StatefulRedisConnection::close);
        for (int i = CLOSE.size() - 1; i >= 0; i--) {
            CLOSE.get(i).close();
        }
    }

    private static void sql(SandboxUnit unit, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl(DB), unit.dbUser(), unit.dbPassword()); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static void setEverywhere(String key) {
        REDIS.values().forEach(r -> r.sync().set(key, "cached"));
    }

    private static boolean goneEverywhere(String key) {
        return REDIS.values().stream().allMatch(r -> r.sync().exists(key) == 0);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void aChangeInEitherUnitRemovesTheKeysFromBothUnitsRedis() throws Exception {
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        setEverywhere("order:5001:1");
        sql(center, "INSERT INTO orders VALUES (1, 5001, 'NEW')");
        await("the insert in the center removed order:5001:1 in both units", () -> goneEverywhere("order:5001:1"));

        setEverywhere("order:5001:1");
        setEverywhere("order:5002:1");
        sql(center, "UPDATE orders SET buyer_id = 5002, state = 'PAID' WHERE id = 1");
        await("the update removed the old and the new key in both units",
                () -> goneEverywhere("order:5001:1") && goneEverywhere("order:5002:1"));

        setEverywhere("order:7001:2");
        sql(b, "INSERT INTO orders VALUES (2, 7001, 'NEW')"); // written in unit-b, replicated to the center
        await("a change written in unit-b removed the key in both units", () -> goneEverywhere("order:7001:2"));

        setEverywhere("order:5002:1");
        sql(b, "DELETE FROM orders WHERE id = 1");
        await("a delete in unit-b of a row written in the center", () -> goneEverywhere("order:5002:1"));
    }

    @Test
    void aLocalTablesKeysGoFromEachUnitsOwnRedisAlsoForReplicatedRows() throws Exception {
        setEverywhere("cart:42");
        sql(sandbox.center(), "REPLACE INTO cart VALUES (42, 3)");
        await("the center's invalidator (local) and unit-b's (the replicated row) removed cart:42", () -> goneEverywhere("cart:42"));
    }
}
