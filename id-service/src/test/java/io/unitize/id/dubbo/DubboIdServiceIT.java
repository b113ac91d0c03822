package io.unitize.id.dubbo;

import io.unitize.id.JdbcSegmentStore;
import io.unitize.id.LocalIdService;
import io.unitize.id.SegmentIdGenerator;
import io.unitize.id.UnitDatabase;
import io.unitize.id.UnknownTagException;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ID service over Dubbo, backed by segments in the sandbox's MariaDB; refusals arrive typed. */
@SandboxServers(ServerKind.MARIADB)
class DubboIdServiceIT {

    @Test
    void batchesOverDubboAreUniqueAndRefusalsArriveTyped(UnitSandbox sandbox) throws Exception {
        SandboxUnit unit = sandbox.unit("unit-b");
        JdbcSegmentStore store = new JdbcSegmentStore(UnitDatabase.dataSource(unit, "it_ids_dubbo"));
        store.createTable();
        store.register("order", "unit-b", 0);
        LocalIdService service = new LocalIdService("unit-b").tag("order", new SegmentIdGenerator(store, "order", "unit-b", 1, 4,
                1_000, 100_000, Duration.ofSeconds(5), Executors.newCachedThreadPool()));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (DubboIdServiceExporter exporter = DubboIdServiceExporter.export(service, "::1", port, "N/A");
             DubboIdServiceExporter.Client client = DubboIdServiceExporter.connect("::1", port)) {
            Set<Long> seen = new HashSet<>();
            for (int i = 0; i < 50; i++) {
                for (long id : client.service().nextIds("order", 1_000)) {
                    assertThat(seen.add(id)).isTrue();
                    assertThat(SegmentIdGenerator.unitOf(id, 4)).isEqualTo(1);
                }
            }
            assertThat(seen).hasSize(50_000);
            assertThatThrownBy(() -> client.service().nextIds("nope", 1)).isInstanceOf(UnknownTagException.class)
                    .hasMessageContaining("unknown ID tag 'nope'");
            assertThatThrownBy(() -> client.service().nextIds("order", 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("count must be within 1..10000, but was 0");
        }
    }
}
