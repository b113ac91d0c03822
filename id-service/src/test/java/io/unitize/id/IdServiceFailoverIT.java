package io.unitize.id;

import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the ID service in one unit (each with its own data source on the unit's
 * sandbox MariaDB): one stops, the client fails over to the other without an error; the stopped one
 * restarts with a fresh generator and never hands out a value of a segment it or anyone drew before.
 */
@SandboxServers(ServerKind.MARIADB)
class IdServiceFailoverIT {

    private static final String TAG = "failover-order";

    @Test
    void anInstanceGoingAwayCostsNoErrorAndItsRestartReusesNoSegment(UnitSandbox sandbox) throws Exception {
        SandboxUnit unit = sandbox.unit("unit-b");
        JdbcSegmentStore setup = store(unit);
        setup.createTable();
        setup.register(TAG, "unit-b", 0);
        ExecutorService background = Executors.newCachedThreadPool();
        IdHttpServer a = instance(unit, background, 0);
        IdHttpServer b = instance(unit, background, 0);
        int portA = a.port();
        Set<Long> seen = new HashSet<>();
        try {
            IdClient client = new IdClient(List.of("http://127.0.0.1:" + portA, "http://127.0.0.1:" + b.port()), TAG, 100, 10,
                    Duration.ofSeconds(2));
            for (int i = 0; i < 5_000; i++) {
                assertThat(seen.add(client.nextId())).as("duplicate before the failover").isTrue();
            }

            a.close(); // instance A goes away: the client keeps drawing (from its buffer, then from B)
            for (int i = 0; i < 5_000; i++) {
                long id = client.nextId();
                assertThat(seen.add(id)).as("duplicate after A stopped").isTrue();
                assertThat(SegmentIdGenerator.unitOf(id, 4)).isEqualTo(1);
            }
            long highestBeforeRestart = seen.stream().mapToLong(Long::longValue).max().orElseThrow();

            a = instance(unit, background, portA); // A restarts: a fresh generator, nothing in memory
            IdClient onlyA = new IdClient("http://127.0.0.1:" + portA, TAG, 100, 10, Duration.ofSeconds(2));
            long lowestAfterRestart = Long.MAX_VALUE;
            for (int i = 0; i < 5_000; i++) {
                long id = onlyA.nextId();
                assertThat(seen.add(id)).as("the restarted instance repeated an ID").isTrue();
                lowestAfterRestart = Math.min(lowestAfterRestart, id);
                assertThat(seen.add(client.nextId())).as("duplicate while both serve again").isTrue();
            }
            // the restarted instance allocated new segments: every value lies above all segments drawn before
            assertThat(lowestAfterRestart).isGreaterThan(highestBeforeRestart);
            assertThat(seen).hasSize(20_000);
        } finally {
            a.close();
            b.close();
            background.shutdownNow();
        }
    }

    private static IdHttpServer instance(SandboxUnit unit, ExecutorService background, int port) throws Exception {
        SegmentIdGenerator generator = new SegmentIdGenerator(store(unit), TAG, "unit-b", 1, 4, 200, 10_000,
                Duration.ofSeconds(5), background);
        return new IdHttpServer("127.0.0.1", port, "unit-b", new LocalIdService("unit-b").tag(TAG, generator), 2).start();
    }

    private static JdbcSegmentStore store(SandboxUnit unit) throws Exception {
        return new JdbcSegmentStore(UnitDatabase.dataSource(unit, "it_ids_failover"));
    }
}
