package io.unitize.id;

import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segment IDs drawn by many threads through two generator instances per unit (two service
 * instances sharing the unit's database), in both sandbox units whose databases replicate both
 * ways: no duplicate anywhere, every ID decodes to its unit, and the allocation rows end up the
 * same in both databases with replication still running.
 */
@SandboxServers(ServerKind.MARIADB)
class SegmentAcrossUnitsIT {

    private static final int UNIT_BITS = 4;
    private static final int THREADS_PER_INSTANCE = 2;
    private static final int IDS_PER_THREAD = 150_000;

    @Test
    void manyThreadsInTwoUnitsNeverDrawTheSameId(UnitSandbox sandbox) throws Exception {
        List<SandboxUnit> units = sandbox.units();
        Map<Long, Integer> seen = new ConcurrentHashMap<>(4 * units.size() * THREADS_PER_INSTANCE * IDS_PER_THREAD);
        ExecutorService prefetch = Executors.newCachedThreadPool();
        ExecutorService drawers = Executors.newFixedThreadPool(units.size() * 2 * THREADS_PER_INSTANCE);
        List<Future<Integer>> duplicates = new ArrayList<>();
        try {
            for (int u = 0; u < units.size(); u++) {
                SandboxUnit unit = units.get(u);
                JdbcSegmentStore store = store(unit);
                store.createTable();
                store.register("order", unit.code(), 0);
                for (int instance = 0; instance < 2; instance++) {
                    SegmentIdGenerator gen = new SegmentIdGenerator(store, "order", unit.code(), u, UNIT_BITS, 1_000, 100_000,
                            Duration.ofSeconds(2), prefetch);
                    int unitIndex = u;
                    for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
                        duplicates.add(drawers.submit(() -> {
                            int dup = 0;
                            for (int i = 0; i < IDS_PER_THREAD; i++) {
                                long id = gen.nextId();
                                if (SegmentIdGenerator.unitOf(id, UNIT_BITS) != unitIndex || seen.putIfAbsent(id, unitIndex) != null) {
                                    dup++;
                                }
                            }
                            return dup;
                        }));
                    }
                }
            }
            int bad = 0;
            for (Future<Integer> f : duplicates) {
                bad += f.get();
            }
            assertThat(bad).as("duplicates or IDs decoding to another unit").isZero();
            assertThat(seen).hasSize(units.size() * 2 * THREADS_PER_INSTANCE * IDS_PER_THREAD);

            // an instance restarted: it starts from a fresh segment, never one handed out before
            SandboxUnit center = units.get(0);
            SegmentIdGenerator restarted = new SegmentIdGenerator(store(center), "order", center.code(), 0, UNIT_BITS, 1_000,
                    100_000, Duration.ofSeconds(2), prefetch);
            for (int i = 0; i < 10_000; i++) {
                assertThat(seen.putIfAbsent(restarted.nextId(), 0)).isNull();
            }
        } finally {
            drawers.shutdownNow();
            prefetch.shutdownNow();
        }
        // the allocation rows replicated both ways, with no conflict: both databases agree
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!rows(units.get(0)).equals(rows(units.get(1))) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(rows(units.get(0))).hasSize(2).isEqualTo(rows(units.get(1)));
        for (SandboxUnit u : units) {
            assertThat(replicationRunning(u)).as("replication into " + u.code()).isTrue();
        }
    }

    private static JdbcSegmentStore store(SandboxUnit unit) throws Exception {
        return new JdbcSegmentStore(UnitDatabase.dataSource(unit, "it_ids_segments"));
    }

    private static Map<String, Long> rows(SandboxUnit unit) throws Exception {
        Map<String, Long> rows = new java.util.TreeMap<>();
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl("it_ids_segments"), unit.dbUser(), unit.dbPassword());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT tag, unit, max_value FROM " + JdbcSegmentStore.TABLE)) {
            while (rs.next()) {
                rows.put(rs.getString(1) + "/" + rs.getString(2), rs.getLong(3));
            }
        }
        return rows;
    }

    private static boolean replicationRunning(SandboxUnit unit) throws Exception {
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl("mysql"), unit.dbUser(), unit.dbPassword());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW ALL SLAVES STATUS")) {
            boolean any = false;
            while (rs.next()) {
                any = true;
                if (!"Yes".equals(rs.getString("Slave_SQL_Running")) || !"Yes".equals(rs.getString("Slave_IO_Running"))) {
                    return false;
                }
            }
            return any;
        }
    }
}
