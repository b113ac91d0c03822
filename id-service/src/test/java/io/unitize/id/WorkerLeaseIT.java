package io.unitize.id;

import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Worker ids leased in the sandbox's MariaDB: never shared by two live holders; a lost lease stops the generator. */
@SandboxServers(ServerKind.MARIADB)
class WorkerLeaseIT {

    @Test
    void everyLiveProcessHoldsItsOwnWorkerIdAndAnExpiredOneIsTakenOver(UnitSandbox sandbox) throws Exception {
        JdbcWorkerLeases leases = leases(sandbox.center());
        List<WorkerLease> held = new ArrayList<>();
        try {
            Set<Integer> workers = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                WorkerLease l = leases.acquire("center", "proc-" + i, 8, Duration.ofSeconds(30));
                held.add(l);
                assertThat(workers.add(l.worker())).isTrue();
            }
            assertThatThrownBy(() -> leases.acquire("center", "proc-9", 8, Duration.ofSeconds(30)))
                    .hasMessageContaining("UNITIZE-ID-021 every worker id (0..7) of unit center is leased");

            held.get(3).close(); // given back: the next process gets it
            WorkerLease again = leases.acquire("center", "proc-10", 8, Duration.ofSeconds(30));
            held.add(again);
            assertThat(again.worker()).isEqualTo(held.get(3).worker());
        } finally {
            held.forEach(WorkerLease::close);
        }
    }

    @Test
    void aLeaseTakenByAnotherProcessStopsTheGenerator(UnitSandbox sandbox) throws Exception {
        JdbcWorkerLeases leases = leases(sandbox.center());
        try (WorkerLease mine = leases.acquire("unit-x", "me", 4, Duration.ofMillis(900))) {
            SnowflakeIdGenerator ids = SnowflakeIdGenerator.builder().unit(0).workerLease(mine).build();
            assertThat(ids.nextId()).isPositive();
            // the lease row is stolen (as if this process had been paused past its ttl)
            try (Connection c = DriverManager.getConnection(sandbox.center().jdbcUrl("it_ids_leases"), sandbox.center().dbUser(),
                    sandbox.center().dbPassword()); Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE " + JdbcWorkerLeases.TABLE + " SET holder = 'thief' WHERE unit = 'unit-x' AND worker = "
                        + mine.worker());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (mine.isHeld() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(mine.isHeld()).isFalse();
            assertThatThrownBy(ids::nextId).isInstanceOf(WorkerLeaseLostException.class).hasMessageContaining("no ID issued");
        }
    }

    private static JdbcWorkerLeases leases(SandboxUnit unit) throws Exception {
        JdbcWorkerLeases leases = new JdbcWorkerLeases(UnitDatabase.dataSource(unit, "it_ids_leases"));
        leases.createTable();
        return leases;
    }
}
