package io.unitize.controlcenter;

import com.fasterxml.jackson.databind.JsonNode;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.unitize.controlcenter.ControlCenterFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22 on the sandbox's two-way replicated MariaDB: the replication heartbeat and its lag gate,
 * the lag in CONFIRM_SYNC's detail, and the data check after a cutover and on demand (with rows
 * corrupted in the target by writes that bypass everything), the mis-route audit of both units' binlogs.
 */
@SandboxServers({ServerKind.NACOS, ServerKind.MARIADB, ServerKind.CANAL})
class IntegrityIT {

    private static final String MOVE_TO_B = "{\"type\":\"MOVE_SLOTS\",\"from\":2000,\"to\":2999,\"toUnit\":\"unit-b\","
            + "\"reason\":\"drain center rack 3\"}";
    private static final Duration WAIT = Duration.ofSeconds(60);

    static ControlCenterFixture fixture(UnitSandbox sandbox, String name, String schema) {
        return new ControlCenterFixture(sandbox, name)
                .set("unitize.control-center.integrity.heartbeat.interval", "200ms")
                .set("unitize.control-center.integrity.heartbeat.max-lag", "1500ms")
                .set("unitize.control-center.integrity.data-check.tables[0].name", schema + ".orders")
                .set("unitize.control-center.integrity.data-check.batch-rows", "50")
                .set("unitize.control-center.integrity.data-check.slots-per-chunk", "10")
                .set("unitize.control-center.integrity.data-check.recheck-delay", "300ms");
    }

    /** An orders table in center (replicated to unit-b): buyers 1_000_000_000 + i for i in 0..399 -> slots 0..399, and 2000..2399. */
    static void orders(UnitSandbox sandbox, String schema) throws Exception {
        SandboxUnit center = sandbox.center();
        ControlCenterFixture.sql(center, "DROP DATABASE IF EXISTS " + schema);
        ControlCenterFixture.sql(center, "CREATE DATABASE " + schema);
        ControlCenterFixture.sql(center, "CREATE TABLE IF NOT EXISTS " + schema + ".orders (id BIGINT NOT NULL PRIMARY KEY, "
                + "buyer_id BIGINT NOT NULL, amount DECIMAL(12,2) NOT NULL, note VARCHAR(64))");
        try (Connection c = DriverManager.getConnection(center.jdbcUrl(schema), center.dbUser(), center.dbPassword());
             PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?)")) {
            long id = 1;
            for (int base : new int[] {0, 2000}) {
                for (int i = 0; i < 400; i++) {
                    ps.setLong(1, id++);
                    ps.setLong(2, 1_000_000_000L + base + i);
                    ps.setBigDecimal(3, new java.math.BigDecimal(i + ".25"));
                    ps.setString(4, i % 7 == 0 ? null : "order " + i);
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
        await(() -> count(sandbox.unit("unit-b"), schema), n -> n == 800, WAIT);
    }

    private static long count(SandboxUnit unit, String schema) throws Exception {
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl("mysql"), unit.dbUser(), unit.dbPassword());
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + schema
                    + "' AND TABLE_NAME = 'orders'")) {
                rs.next();
                if (rs.getLong(1) == 0) {
                    return -1;
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + schema + ".orders")) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Statements run in {@code unit}'s database only: not written to its binlog, so never replicated. */
    static void local(SandboxUnit unit, String... statements) throws Exception {
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl("mysql"), unit.dbUser(), unit.dbPassword());
             Statement st = c.createStatement()) {
            st.execute("SET sql_log_bin = 0");
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    private static JsonNode lagOf(ControlCenterFixture cc, String source, String target) throws Exception {
        for (JsonNode d : cc.get("/api/v1/replication/lag").json().get("directions")) {
            if (d.get("source").asText().equals(source) && d.get("target").asText().equals(target)) {
                return d;
            }
        }
        throw new AssertionError("no direction " + source + "->" + target);
    }

    private static JsonNode awaitCheck(ControlCenterFixture cc, String id) throws Exception {
        return await(() -> cc.get("/api/v1/data-checks/" + id).json(), c -> !c.get("status").asText().equals("RUNNING"), WAIT);
    }

    @Test
    void aLaggingReplicationRefusesTheCutover_inTimeItRunsRecordsTheLagAndTheDataCheckMatches(UnitSandbox sandbox) throws Exception {
        orders(sandbox, "it_integrity_lag");
        try (ControlCenterFixture cc = fixture(sandbox, "lag", "it_integrity_lag").start()) {
            assertThat(cc.put("/api/v1/rules", ControlCenterFixture.initialRules("first rules")).status()).isEqualTo(200);
            JsonNode measured = await(() -> lagOf(cc, "center", "unit-b"), d -> d.hasNonNull("lagMillis")
                    && d.get("seenHeartbeat").asLong() > 0, WAIT);
            assertThat(measured.get("overBound").asBoolean()).as(measured.toString()).isFalse();
            assertThat(lagOf(cc, "unit-b", "center").hasNonNull("error")).as("both databases reached").isFalse();

            ControlCenterFixture.sql(sandbox.unit("unit-b"), "STOP SLAVE 'from_center'");
            try {
                JsonNode behind = await(() -> lagOf(cc, "center", "unit-b"), d -> d.get("overBound").asBoolean(), WAIT);
                assertThat(behind.get("lagMillis").asLong()).isGreaterThan(1500);
                assertThat(lagOf(cc, "unit-b", "center").get("overBound").asBoolean()).as("the other direction still flows").isFalse();

                ControlCenterFixture.Response refused = cc.post("/api/v1/cutovers", MOVE_TO_B);
                assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
                JsonNode problem = refused.json();
                assertThat(problem.get("type").asText()).isEqualTo("https://unitize.io/problems/replication-lag");
                assertThat(problem.get("source").asText()).isEqualTo("center");
                assertThat(problem.get("target").asText()).isEqualTo("unit-b");
                assertThat(problem.get("lagMillis").asLong()).isGreaterThan(1500);
                assertThat(problem.get("maxLagMillis").asLong()).isEqualTo(1500);
                assertThat(problem.get("detail").asText()).contains("replication lag center->unit-b").contains("bound of 1500 ms");
                assertThat(cc.latestRules().version()).as("nothing changed").isEqualTo(1);
                assertThat(cc.get("/api/v1/cutovers").json()).isEmpty();
                assertThat(cc.get("/api/v1/audit").json().get(0).get("outcome").asText()).isEqualTo("refused");
                JsonNode gauge = cc.send("GET", "/actuator/metrics/unitize.replication.lag.last?tag=from:center&tag=to:unit-b", null,
                        ControlCenterFixture.OPERATOR, ControlCenterFixture.OPERATOR_PASSWORD).json();
                assertThat(gauge.get("measurements").get(0).get("value").asDouble()).as(gauge.toString()).isGreaterThan(1.5);
            } finally {
                ControlCenterFixture.sql(sandbox.unit("unit-b"), "START SLAVE 'from_center'");
            }

            await(() -> lagOf(cc, "center", "unit-b"), d -> !d.get("overBound").asBoolean(), WAIT);
            JsonNode done = cc.runCutover(MOVE_TO_B);
            assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("DONE");
            JsonNode sync = null;
            for (JsonNode s : done.get("steps")) {
                if (s.get("step").asText().equals("CONFIRM_SYNC")) {
                    sync = s;
                }
            }
            assertThat(sync).isNotNull();
            assertThat(sync.get("detail").asText()).contains("replication lag center->unit-b").contains(" ms (heartbeat ");

            String cutover = done.get("id").asText();
            JsonNode checks = await(() -> cc.get("/api/v1/cutovers/" + cutover + "/data-checks").json(),
                    l -> l.size() == 1 && !l.get(0).get("status").asText().equals("RUNNING"), WAIT);
            JsonNode check = checks.get(0);
            assertThat(check.get("status").asText()).as(check.toString()).isEqualTo("MATCH");
            assertThat(check.get("cutoverId").asText()).isEqualTo(cutover);
            assertThat(check.get("sourceUnit").asText()).isEqualTo("center");
            assertThat(check.get("targetUnit").asText()).isEqualTo("unit-b");
            JsonNode table = check.get("results").get(0);
            assertThat(table.get("sourceRows").asLong()).as("slots 2000-2399 hold 400 orders").isEqualTo(400);
            assertThat(table.get("targetRows").asLong()).isEqualTo(400);
            assertThat(table.get("differences")).isEmpty();
            assertThat(check.get("rowsRead").asLong()).as("every batch of the key space is read").isGreaterThanOrEqualTo(800);
        } finally {
            ControlCenterFixture.sql(sandbox.center(), "DROP DATABASE IF EXISTS it_integrity_lag");
        }
    }

    @Test
    void aRowCorruptedInTheTargetIsReportedWithItsKey(UnitSandbox sandbox) throws Exception {
        String schema = "it_integrity_check";
        orders(sandbox, schema);
        try (ControlCenterFixture cc = fixture(sandbox, "check", schema).start()) {
            cc.put("/api/v1/rules", ControlCenterFixture.initialRules("first rules"));
            String range = "{\"sourceUnit\":\"center\",\"targetUnit\":\"unit-b\",\"ranges\":[{\"from\":2000,\"to\":2999}]}";
            JsonNode clean = awaitCheck(cc, cc.post("/api/v1/data-checks", range).json().get("id").asText());
            assertThat(clean.get("status").asText()).as(clean.toString()).isEqualTo("MATCH");

            // ids 401..800 hold slots 2000..2399: corrupt three of them in unit-b only, bypassing guard and replication
            SandboxUnit b = sandbox.unit("unit-b");
            local(b, "UPDATE " + schema + ".orders SET amount = amount + 1 WHERE id = 450",
                    "UPDATE " + schema + ".orders SET note = NULL WHERE id = 452", // 'order 51' -> NULL
                    "DELETE FROM " + schema + ".orders WHERE id = 600",
                    "INSERT INTO " + schema + ".orders VALUES (5000, 1000002950, 1.00, 'only in unit-b')");
            ControlCenterFixture.Response started = cc.post("/api/v1/data-checks", range);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.location()).startsWith("/api/v1/data-checks/dc-");
            JsonNode check = awaitCheck(cc, started.json().get("id").asText());

            assertThat(check.get("status").asText()).as(check.toString()).isEqualTo("MISMATCH");
            assertThat(check.get("cutoverId")).isNull();
            assertThat(check.get("requestedBy").asText()).isEqualTo(ControlCenterFixture.OPERATOR);
            JsonNode table = check.get("results").get(0);
            assertThat(table.get("table").asText()).isEqualTo(schema + ".orders");
            assertThat(table.get("sourceRows").asLong()).isEqualTo(400);
            assertThat(table.get("targetRows").asLong()).isEqualTo(400); // one deleted, one added
            List<String> found = new ArrayList<>();
            table.get("differences").forEach(d -> found.add(d.get("key").asText() + " " + d.get("slot").asInt() + " " + d.get("kind").asText()));
            assertThat(found).containsExactlyInAnyOrder("450 2049 DIFFERENT", "452 2051 DIFFERENT", "600 2199 MISSING_IN_TARGET",
                    "5000 2950 MISSING_IN_SOURCE");
            assertThat(check.get("differingRows").asLong()).isEqualTo(4);
            assertThat(table.get("differingChunks")).extracting(c -> c.get("fromSlot").asInt()).contains(2040, 2050, 2190, 2950);

            // slots elsewhere still match; refusals name the field
            JsonNode other = awaitCheck(cc, cc.post("/api/v1/data-checks",
                    "{\"sourceUnit\":\"center\",\"targetUnit\":\"unit-b\",\"ranges\":[{\"from\":0,\"to\":1999}]}").json().get("id").asText());
            assertThat(other.get("status").asText()).as(other.toString()).isEqualTo("MATCH");
            assertThat(other.get("results").get(0).get("sourceRows").asLong()).isEqualTo(400);
            ControlCenterFixture.Response bad = cc.post("/api/v1/data-checks",
                    "{\"sourceUnit\":\"center\",\"targetUnit\":\"unit-b\",\"ranges\":[{\"from\":2000,\"to\":12000}]}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("type").asText()).isEqualTo("https://unitize.io/problems/invalid-data-check");
            assertThat(bad.json().get("field").asText()).isEqualTo("ranges[0]");
            assertThat(bad.json().get("detail").asText()).contains("within 0..9999").contains("12000");
            ControlCenterFixture.Response unknown = cc.post("/api/v1/data-checks",
                    "{\"sourceUnit\":\"center\",\"targetUnit\":\"unit-b\",\"ranges\":[{\"from\":0,\"to\":9}],\"tables\":[\"mysql.user\"]}");
            assertThat(unknown.status()).isEqualTo(400);
            assertThat(unknown.json().get("field").asText()).isEqualTo("tables");
            ControlCenterFixture.Response viewer = cc.send("POST", "/api/v1/data-checks", range, ControlCenterFixture.VIEWER,
                    ControlCenterFixture.VIEWER_PASSWORD);
            assertThat(viewer.status()).isEqualTo(403);
            assertThat(cc.get("/api/v1/data-checks").json()).hasSize(3);
        } finally {
            ControlCenterFixture.sql(sandbox.center(), "DROP DATABASE IF EXISTS " + schema);
        }
    }

    @Test
    void aWriteForANonOwnedBuyerIsReported_aReplicatedRowIsNot(UnitSandbox sandbox) throws Exception {
        String schema = "it_integrity_audit";
        SandboxUnit center = sandbox.center();
        SandboxUnit b = sandbox.unit("unit-b");
        ControlCenterFixture.sql(center, "DROP DATABASE IF EXISTS " + schema);
        ControlCenterFixture.sql(center, "CREATE DATABASE " + schema);
        ControlCenterFixture.sql(center, "CREATE TABLE " + schema + ".orders (id BIGINT NOT NULL PRIMARY KEY, "
                + "buyer_id BIGINT NOT NULL, amount DECIMAL(12,2) NOT NULL, note VARCHAR(64))");
        await(() -> count(b, schema), n -> n == 0, WAIT);
        ControlCenterFixture cc = fixture(sandbox, "audit", schema)
                .set("unitize.control-center.integrity.misroute.enabled", "true");
        for (SandboxUnit u : sandbox.units()) {
            cc.set("unitize.control-center.integrity.misroute.units." + u.code() + ".canal", "127.0.0.1:" + u.canalPort())
                    .set("unitize.control-center.integrity.misroute.units." + u.code() + ".destination", u.canalDestination());
        }
        try (cc) {
            cc.start();
            cc.put("/api/v1/rules", ControlCenterFixture.initialRules("first rules")); // 0-4999 center, 5000-9999 unit-b
            await(() -> cc.get("/api/v1/misroutes").json().get("units"), units -> units.size() == 2
                    && units.get(0).hasNonNull("serverId") && units.get(1).hasNonNull("serverId"), WAIT);

            // legitimate: unit-b writes its own buyer (slot 5001); the row replicates into center's binlog too
            ControlCenterFixture.sql(b, "INSERT INTO " + schema + ".orders VALUES (1, 1000005001, 1.00, 'legit')");
            await(() -> count(center, schema), n -> n == 1, WAIT);
            // bypassing the guard: center writes a buyer of unit-b (slot 6000), unit-b one of center (slot 100)
            ControlCenterFixture.sql(center, "INSERT INTO " + schema + ".orders VALUES (2, 1000006000, 2.00, 'misrouted')");
            ControlCenterFixture.sql(b, "UPDATE " + schema + ".orders SET buyer_id = 1000000100 WHERE id = 1");

            JsonNode view = await(() -> cc.get("/api/v1/misroutes").json(), v -> v.get("writes").size() >= 2, WAIT);
            List<String> found = new ArrayList<>();
            for (JsonNode w : view.get("writes")) {
                found.add(w.get("writingUnit").asText() + " " + w.get("serverId").asLong() + " " + w.get("table").asText() + " "
                        + w.get("key").asText() + " " + w.get("buyerId").asLong() + " " + w.get("slot").asInt() + " "
                        + w.get("ownerUnit").asText() + " v" + w.get("rulesVersion").asLong() + " " + w.get("kind").asText() + " "
                        + w.get("type").asText());
            }
            assertThat(found).containsExactlyInAnyOrder(
                    "center " + center.dbServerId() + " " + schema + ".orders 2 1000006000 6000 unit-b v1 NOT_OWNER INSERT",
                    "unit-b " + b.dbServerId() + " " + schema + ".orders 1 1000000100 100 center v1 NOT_OWNER UPDATE");
            for (JsonNode w : view.get("writes")) {
                assertThat(w.get("committedAt").asText()).isNotBlank();
            }
            for (JsonNode u : view.get("units")) {
                assertThat(u.get("replicatedSkipped").asLong()).as("rows copied in are not judged twice: " + u).isPositive();
            }
            JsonNode meter = cc.send("GET", "/actuator/metrics/unitize.misroute.writes", null, ControlCenterFixture.OPERATOR,
                    ControlCenterFixture.OPERATOR_PASSWORD).json();
            assertThat(meter.get("measurements").get(0).get("value").asDouble()).isEqualTo(2.0);
        } finally {
            ControlCenterFixture.sql(center, "DROP DATABASE IF EXISTS " + schema);
        }
    }
}
