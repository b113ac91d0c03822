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
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class BinlogInvalidationIT {

    /** The real Lettuce deleter, recording what each unit's Redis confirmed deleted. */
    static final class RecordingDeleter implements io.unitize.cache.KeyDeleter {
        final LettuceKeyDeleter real;
        final Map<String, java.util.Set<String>> confirmed = new java.util.concurrent.ConcurrentHashMap<>();

        RecordingDeleter(LettuceKeyDeleter real) {
            this.real = real;
        }

        @Override
        public void delete(String unit, java.util.Collection<String> keys) {
            real.delete(unit, keys);
            confirmed.computeIfAbsent(unit, u -> java.util.concurrent.ConcurrentHashMap.newKeySet()).addAll(keys);
        }
    }

    private static final Map<String, RecordingDeleter> DELETERS = new LinkedHashMap<>();
    private static final Map<String, InvalidationPlanner> PLANNERS = new LinkedHashMap<>();
    private static ScheduledExecutorService later;

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
        later = Executors.newSingleThreadScheduledExecutor();
        CLOSE.add(later::shutdownNow);
        List<String> units = sandbox.units().stream().map(SandboxUnit::code).toList();
        for (SandboxUnit u : sandbox.units()) {
            LettuceKeyDeleter lettuce = new LettuceKeyDeleter(redisByUnit, Duration.ofSeconds(2));
            CLOSE.add(lettuce);
            RecordingDeleter deleter = new RecordingDeleter(lettuce);
            DELETERS.put(u.code(), deleter);
            InvalidationPlanner planner = new InvalidationPlanner(u.code(), u.dbServerId(), units, List.of(
                    new InvalidationRule("orders", List.of(KeyTemplate.parse("order:{buyer_id}:{id}")), Scope.ALL_UNITS, null),
                    new InvalidationRule("cart", List.of(KeyTemplate.parse("cart:{buyer_id}")), Scope.LOCAL, Duration.ofMillis(300))));
            PLANNERS.put(u.code(), planner);
            INVALIDATORS.put(u.code(), invalidator(u));
        }
        Thread.sleep(1_000); // let both connect and subscribe before the first change
    }

    private static BinlogInvalidator invalidator(SandboxUnit u) {
        PlanExecutor executor = new PlanExecutor(DELETERS.get(u.code()), Duration.ofMillis(100), Duration.ofSeconds(1),
                d -> Thread.sleep(d.toMillis()), System::currentTimeMillis);
        return new BinlogInvalidator(new CanalBinlogSource(new InetSocketAddress("127.0.0.1", u.canalPort()), u.canalDestination(),
                DB + "\\..*"), PLANNERS.get(u.code()), executor, later).start(u.code());
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
    @org.junit.jupiter.api.Order(1)
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
    @org.junit.jupiter.api.Order(2)
    void aLocalTablesKeysGoFromEachUnitsOwnRedisAlsoForReplicatedRows() throws Exception {
        setEverywhere("cart:42");
        sql(sandbox.center(), "REPLACE INTO cart VALUES (42, 3)");
        await("the center's invalidator (local) and unit-b's (the replicated row) removed cart:42", () -> goneEverywhere("cart:42"));
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aRedisDownHoldsTheBatchesUnacknowledgedButNotTheOtherUnitsDeletes() throws Exception {
        SandboxUnit center = sandbox.center();
        BinlogInvalidator inv = INVALIDATORS.get("center");
        sandbox.stopServer("unit-b", ServerKind.REDIS);
        List<String> keys = new ArrayList<>();
        long ackedBefore;
        try {
            for (int i = 0; i < 5; i++) {
                keys.add("order:" + (5010 + i) + ":" + (10 + i));
                REDIS.get("center").sync().set(keys.get(i), "cached");
            }
            ackedBefore = inv.batchesAcked();
            for (int i = 0; i < 5; i++) {
                sql(center, "INSERT INTO orders VALUES (" + (10 + i) + ", " + (5010 + i) + ", 'NEW')");
            }
            // each insert is its own batch: unit-b falls behind at the first, the center's keys of all five go at once
            await("every batch's keys go from the center's own Redis while unit-b's is down",
                    () -> keys.stream().allMatch(k -> REDIS.get("center").sync().exists(k) == 0));
            assertThat(inv.unacked().unitsBehind()).containsExactly("unit-b");
            assertThat(inv.batchesAcked()).as("no batch acknowledged while unit-b's Redis is down").isEqualTo(ackedBefore);
            assertThat(inv.unacked().waiting()).as("the batches read wait for unit-b").isGreaterThanOrEqualTo(1);
        } finally {
            sandbox.startServer("unit-b", ServerKind.REDIS);
        }
        await("every key confirmed deleted in unit-b's Redis once it is back",
                () -> DELETERS.get("center").confirmed.getOrDefault("unit-b", java.util.Set.of()).containsAll(keys));
        await("every batch acknowledged after that", () -> inv.batchesAcked() > ackedBefore && inv.unacked().waiting() == 0);
        assertThat(inv.unacked().unitsBehind()).isEmpty();
        RedisClient again = RedisClient.create(sandbox.unit("unit-b").redisUri());
        CLOSE.add(again::shutdown);
        REDIS.put("unit-b", again.connect());
        setEverywhere("order:5010:10");
        sql(center, "UPDATE orders SET state = 'PAID' WHERE id = 10");
        await("later changes still invalidated in both units", () -> goneEverywhere("order:5010:10"));
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aRestartedInvalidatorResumesFromItsPositionAndMissesNothing() throws Exception {
        SandboxUnit center = sandbox.center();
        INVALIDATORS.remove("center").close();
        setEverywhere("order:5020:20");
        setEverywhere("order:5021:21");
        sql(center, "INSERT INTO orders VALUES (20, 5020, 'NEW')");
        sql(center, "INSERT INTO orders VALUES (21, 5021, 'NEW')");
        Thread.sleep(500);
        assertThat(REDIS.get("center").sync().exists("order:5020:20")).as("nobody invalidates while it is down").isEqualTo(1);
        INVALIDATORS.put("center", invalidator(center));
        await("the restarted invalidator caught up", () -> goneEverywhere("order:5020:20") && goneEverywhere("order:5021:21"));
    }
}
