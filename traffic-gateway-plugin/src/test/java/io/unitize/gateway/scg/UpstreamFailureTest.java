package io.unitize.gateway.scg;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The failures reactor-netty really raises when a next hop cannot take a request (driven against
 * loopback sockets), and how {@link UpstreamFailure} reads each. Waits are on the failure itself;
 * nothing asserts how long anything took.
 */
class UpstreamFailureTest {

    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private ServerSocket server;
    private ConnectionProvider pool;

    @AfterEach
    void close() throws IOException {
        if (pool != null) {
            pool.disposeLater().block(Duration.ofSeconds(30));
        }
        for (Socket s : accepted) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A backend that accepts connections and never answers (a saturated one). */
    private int silentBackend() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try {
                while (!server.isClosed()) {
                    accepted.add(server.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "silent-backend");
        t.setDaemon(true);
        t.start();
        return server.getLocalPort();
    }

    private Throwable failureOf(HttpClient client, String url) {
        AtomicReference<Throwable> error = new AtomicReference<>();
        try {
            client.get().uri(url).responseSingle((r, b) -> b.asString()).block(Duration.ofSeconds(60));
        } catch (RuntimeException e) {
            error.set(e);
        }
        return error.get();
    }

    private void occupyTheOnlyConnection(HttpClient client, String url) throws InterruptedException {
        client.get().uri(url).responseSingle((r, b) -> b.asString()).subscribe(x -> { }, e -> { });
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (accepted.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(accepted).as("the first request holds the pool's one connection").hasSize(1);
    }

    @Test
    void tooManyWaitingForAPooledConnectionIsOverloaded() throws Exception {
        String url = "http://127.0.0.1:" + silentBackend() + "/x";
        pool = ConnectionProvider.builder("pending").maxConnections(1).pendingAcquireMaxCount(1).pendingAcquireTimeout(Duration.ofMinutes(5))
                .build();
        HttpClient client = HttpClient.create(pool);
        occupyTheOnlyConnection(client, url);
        client.get().uri(url).responseSingle((r, b) -> b.asString()).subscribe(x -> { }, e -> { }); // waits: the one pending slot
        Throwable e = null;
        for (int i = 0; i < 20 && e == null; i++) { // the pending slot is taken once the second request's acquire has run
            e = failureOf(client, url);
        }
        assertThat(e).isNotNull();
        assertThat(UpstreamFailure.of(e)).as(e.toString()).isEqualTo(UpstreamFailure.OVERLOADED);
    }

    @Test
    void noPooledConnectionWithinTheAcquireTimeoutIsOverloaded() throws Exception {
        String url = "http://127.0.0.1:" + silentBackend() + "/x";
        pool = ConnectionProvider.builder("timeout").maxConnections(1).pendingAcquireTimeout(Duration.ofMillis(100)).build();
        HttpClient client = HttpClient.create(pool);
        occupyTheOnlyConnection(client, url);
        Throwable e = failureOf(client, url);
        assertThat(UpstreamFailure.of(e)).as(String.valueOf(e)).isEqualTo(UpstreamFailure.OVERLOADED);
    }

    @Test
    void aBackendClosingTheConnectionBeforeAnsweringIsClosed() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                in.read(new byte[1024]); // the request arrived; close without an answer
            } catch (IOException ignored) {
                // the test is over
            }
        }, "closing-backend");
        t.setDaemon(true);
        t.start();
        Throwable e = failureOf(HttpClient.create(), "http://127.0.0.1:" + server.getLocalPort() + "/x");
        assertThat(UpstreamFailure.of(e)).as(String.valueOf(e)).isEqualTo(UpstreamFailure.CLOSED);
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Throwable e = failureOf(HttpClient.create(), "http://127.0.0.1:" + port + "/x");
        assertThat(UpstreamFailure.of(e)).as(String.valueOf(e)).isEqualTo(UpstreamFailure.UNREACHABLE);
    }

    @Test
    void otherFailuresAreNone() {
        assertThat(UpstreamFailure.of(new IllegalStateException("a bug"))).isNull();
        assertThat(UpstreamFailure.of(new IOException("Connection reset by peer"))).isEqualTo(UpstreamFailure.CLOSED);
        assertThat(UpstreamFailure.of(new java.net.SocketException("Too many open files"))).isEqualTo(UpstreamFailure.OVERLOADED);
        // what the gateway bench's backend made Spring Cloud Gateway answer 500 (bench/results/gateway-open-loop.md)
        assertThat(UpstreamFailure.of(new reactor.netty.channel.AbortedException("Connection has been closed BEFORE send operation")))
                .isEqualTo(UpstreamFailure.CLOSED);
        assertThat(UpstreamFailure.of(new IOException("Error while acquiring from reactor.netty.internal.shaded.reactor.pool.SimpleDequePool@1",
                new java.nio.channels.ClosedChannelException()))).isEqualTo(UpstreamFailure.CLOSED);
        assertThat(UpstreamFailure.of(new IOException("recvAddress(..) failed with error(-104): Connection reset by peer")))
                .isEqualTo(UpstreamFailure.CLOSED);
    }
}
