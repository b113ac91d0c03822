package io.unitize.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sandbox stopped the way the demo stops it ({@link UnitSandbox#close()}, which the demo's and the
 * sandbox's shutdown hooks both run) and started again on
 * its run folder ({@link UnitSandbox.Builder#reuseRunDir}): every row written before the stop, in
 * either unit and replicated to the other, is still in both databases, both replication
 * connections run, and a new row each way still replicates. Its own sandbox (MariaDB only), not
 * the shared one of this JVM, since it stops and restarts it.
 */
class SandboxReuseRunDirIT {

    private static final String[] UNITS = {"center", "unit-b"};

    @Test
    void rowsWrittenBeforeTheRestartAreInBothUnitsAndReplicationStillRunsBothWays() throws Exception {
        Path base = Path.of("target", "reuse-run-dir-it").toAbsolutePath();
        Path runDir;
        try (UnitSandbox first = UnitSandbox.builder().baseDir(base).servers(ServerKind.MARIADB).build().start()) {
            runDir = first.runDir();
            execute(first.unit("center"), "CREATE DATABASE IF NOT EXISTS reuse_it");
            execute(first.unit("center"), "CREATE TABLE IF NOT EXISTS reuse_it.t (id BIGINT PRIMARY KEY, written_in VARCHAR(16))");
            assertThat(awaitCount(first.unit("unit-b"), 0)).as("the table replicated to unit-b").isZero();
            // a few rows each way, the last one right before the stop, as the demo's last order was
            for (int i = 1; i <= 5; i++) {
                execute(first.unit("center"), "INSERT INTO reuse_it.t VALUES (" + i + ", 'center')");
                execute(first.unit("unit-b"), "INSERT INTO reuse_it.t VALUES (" + (100 + i) + ", 'unit-b')");
            }
            for (SandboxUnit u : first.units()) {
                assertThat(awaitCount(u, 10)).as("before the stop, rows in " + u.code()).isEqualTo(10);
            }
        }

        try (UnitSandbox again = UnitSandbox.builder().reuseRunDir(runDir).servers(ServerKind.MARIADB).build().start()) {
            for (SandboxUnit u : again.units()) {
                assertThat(rows(u)).as("after the restart on the same data, rows in " + u.code()).containsExactlyEntriesOf(expected(5));
            }
            for (SandboxUnit u : again.units()) {
                assertThat(slaveStatus(u)).as("replication connections of " + u.code() + " (IO, SQL, last errors)")
                        .allSatisfy(s -> assertThat(s).startsWith("Yes Yes ||"));
            }
            execute(again.unit("center"), "INSERT INTO reuse_it.t VALUES (6, 'center')");
            execute(again.unit("unit-b"), "INSERT INTO reuse_it.t VALUES (106, 'unit-b')");
            for (SandboxUnit u : again.units()) {
                assertThat(awaitCount(u, 12)).as("after the restart, new rows each way in " + u.code()).isEqualTo(12);
                assertThat(rows(u)).containsExactlyEntriesOf(expected(6));
            }
        }
    }

    private static Map<Long, String> expected(int perUnit) {
        Map<Long, String> m = new LinkedHashMap<>();
        for (int i = 1; i <= perUnit; i++) {
            m.put((long) i, "center");
        }
        for (int i = 1; i <= perUnit; i++) {
            m.put(100L + i, "unit-b");
        }
        return m;
    }

    private static void execute(SandboxUnit unit, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl("mysql"), unit.dbUser(), unit.dbPassword());
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Map<Long, String> rows(SandboxUnit unit) throws Exception {
        Map<Long, String> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl("mysql"), unit.dbUser(), unit.dbPassword());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, written_in FROM reuse_it.t ORDER BY id")) {
            while (r.next()) {
                out.put(r.getLong(1), r.getString(2));
            }
        }
        return out;
    }

    /** One line per replication connection: "IO SQL |last IO error|last SQL error|". */
    private static List<String> slaveStatus(SandboxUnit unit) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl("mysql"), unit.dbUser(), unit.dbPassword());
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW ALL SLAVES STATUS")) {
            while (r.next()) {
                out.add(r.getString("Slave_IO_Running") + " " + r.getString("Slave_SQL_Running") + " |" + r.getString("Last_IO_Error")
                        + "|" + r.getString("Last_SQL_Error") + "| " + r.getString("Connection_name") + " gtid_io_pos="
                        + r.getString("Gtid_IO_Pos"));
            }
        }
        assertThat(out).as("one replication connection per other unit in " + unit.code()).hasSize(UNITS.length - 1);
        return out;
    }

    private static int awaitCount(SandboxUnit unit, int want) throws Exception {
        String n = SandboxClients.await(() -> SandboxClients.queryString(unit, "SELECT COUNT(*) FROM reuse_it.t"),
                v -> Integer.parseInt(v) >= want);
        return n == null ? -1 : Integer.parseInt(n);
    }
}
