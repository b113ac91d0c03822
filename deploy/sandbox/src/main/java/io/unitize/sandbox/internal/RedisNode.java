package io.unitize.sandbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Redis server for a unit: Debian's {@code redis-server} when installed (faster), otherwise the
 * Redis 6.2 binary shipped in the embedded-redis jar. No persistence: a restart starts empty, as
 * a cache would after a crash.
 */
public final class RedisNode extends SingleProcessNode {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Path SYSTEM_BINARY = Path.of("/usr/bin/redis-server");

    private final String unit;
    private final Path home;
    private final int port;

    public RedisNode(String unit, Path home) {
        this.unit = unit;
        this.home = home;
        this.port = Ports.free();
    }

    public int port() {
        return port;
    }

    @Override
    public String name() {
        return "redis[" + unit + "]";
    }

    @Override
    public void start(Consumer<String> log) {
        Path binary = Files.isExecutable(SYSTEM_BINARY) ? SYSTEM_BINARY
                : NativeBinaries.executable("redis-server-6.2.6-linux-amd64", "redis-server-6.2.6-v5-linux-amd64");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", home.toString(), "--daemonize", "no",
                "--protected-mode", "no"));
        process = new ManagedProcess(name(), cmd, home, home.resolve("out.log"));
        process.start();
        process.awaitReady(this::pong, READY_TIMEOUT, log);
    }

    private boolean pong() {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(1000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[16];
            int n = in.read(buf);
            return n > 0 && new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
