package io.unitize.id;

import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP ID service on the sandbox's MariaDB, and the buffering client riding out an outage. */
@SandboxServers(ServerKind.MARIADB)
class IdHttpServiceIT {

    @Test
    void theClientServesFromItsBufferWhileTheServiceIsDownAndRecoversWithoutDuplicates(UnitSandbox sandbox) throws Exception {
        SandboxUnit center = sandbox.center();
        JdbcSegmentStore store = store(center);
        store.createTable();
        store.register("http-order", "center", 0);
        SegmentIdGenerator gen = new SegmentIdGenerator(store, "http-order", "center", 0, 4, 1_000, 100_000,
                Duration.ofSeconds(5), Executors.newCachedThreadPool());
        IdHttpServer server = new IdHttpServer("127.0.0.1", 0, "center", new LocalIdService("center").tag("http-order", gen), 4).start();
        int port = server.port();
        String base = "http://127.0.0.1:" + port;
        Set<Long> seen = new HashSet<>();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/ids/http-order?count=0")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("count must be within 1..10000, but was 0");
            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/ids/nope")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("unknown ID tag 'nope'");
            assertThatThrownBy(() -> new IdClient(base, "nope", 10, 2, Duration.ofSeconds(2)).nextId())
                    .isInstanceOf(UnknownTagException.class);

            IdClient client = new IdClient(base, "http-order", 100, 20, Duration.ofSeconds(2));
            for (int i = 0; i < 1_000; i++) {
                long id = client.nextId();
                assertThat(seen.add(id)).isTrue();
                assertThat(SegmentIdGenerator.unitOf(id, 4)).isZero();
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (client.buffered() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            int buffered = client.buffered();
            assertThat(buffered).isGreaterThan(0);

            server.close(); // the service goes away: the buffer keeps serving, then a typed error
            int served = 0;
            Throwable failure = null;
            for (int i = 0; i < buffered + 300 && failure == null; i++) {
                try {
                    assertThat(seen.add(client.nextId())).isTrue();
                    served++;
                } catch (IdServiceUnavailableException e) {
                    failure = e;
                }
            }
            assertThat(served).isGreaterThanOrEqualTo(buffered);
            assertThat(failure).isInstanceOf(IdServiceUnavailableException.class).hasMessageContaining("unreachable");

            server = new IdHttpServer("127.0.0.1", port, "center", new LocalIdService("center").tag("http-order", gen), 4).start();
            for (int i = 0; i < 1_000; i++) {
                assertThat(seen.add(client.nextId())).isTrue();
            }
        } finally {
            server.close();
        }
    }

    private static JdbcSegmentStore store(SandboxUnit unit) throws Exception {
        return new JdbcSegmentStore(UnitDatabase.dataSource(unit, "it_ids_http"));
    }
}
