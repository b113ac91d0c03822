package io.unitize.sandbox;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sandbox owned by a child JVM: it starts while two busy-loop threads keep both cores of the
 * machine busy, and after a SIGKILL of that JVM (no shutdown hook runs) no server of it survives,
 * native ones (MariaDB, Redis) included. Starts its own sandbox (Nacos, MariaDB, Redis) in the
 * child, not the shared one of this JVM.
 */
class SandboxOwnerKillIT {

    private static final long HOG_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final long START_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(15);
    private static final long DEATH_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Test
    void startsUnderCpuLoadAndNoServerOutlivesASigkillOfItsOwner() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "owner-kill-it").toAbsolutePath());
        Path out = dir.resolve("child.out");
        Files.deleteIfExists(out);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                "-cp", System.getProperty("java.class.path"), SandboxMain.class.getName(), dir.toString(),
                "NACOS", "MARIADB", "REDIS");
        AtomicBoolean hogging = new AtomicBoolean(true);
        List<Thread> hogs = startCpuHogs(2, hogging);
        Process owner = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        List<ProcessHandle> servers = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + START_LIMIT_NANOS;
            while (!read(out).contains("Unitize sandbox is up") && owner.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            hogging.set(false);
            for (Thread h : hogs) {
                h.join();
            }
            assertThat(read(out)).as("the sandbox started under load; its output").contains("Unitize sandbox is up");

            servers.addAll(owner.descendants().toList());
            assertThat(servers).extracting(SandboxOwnerKillIT::program)
                    .as("two units: Nacos, MariaDB and Redis each")
                    .containsExactlyInAnyOrder("java", "java", "mariadbd", "mariadbd", "redis-server", "redis-server");

            owner.destroyForcibly(); // SIGKILL: no shutdown hook, no chance to stop anything
            owner.waitFor();

            long deathDeadline = System.nanoTime() + DEATH_LIMIT_NANOS;
            while (servers.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deathDeadline) {
                Thread.sleep(100);
            }
            assertThat(servers.stream().filter(ProcessHandle::isAlive).map(h -> h.pid() + " " + program(h)).toList())
                    .as("servers still running after their owner was killed").isEmpty();
        } finally {
            hogging.set(false);
            owner.destroyForcibly();
            servers.forEach(ProcessHandle::destroyForcibly); // never leave one behind, whatever the outcome
            System.out.println("---- child sandbox output ----\n" + read(out));
        }
    }

    /** Busy-loop threads, each ending when told or after {@link #HOG_LIMIT_NANOS}. */
    private static List<Thread> startCpuHogs(int n, AtomicBoolean running) {
        List<Thread> out = new ArrayList<>();
        AtomicLong sink = new AtomicLong();
        long end = System.nanoTime() + HOG_LIMIT_NANOS;
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                long x = 0;
                while (running.get() && System.nanoTime() < end) {
                    for (int k = 0; k < 100_000; k++) {
                        x = x * 6364136223846793005L + 1442695040888963407L;
                    }
                }
                sink.addAndGet(x);
            }, "cpu-hog-" + i);
            t.setDaemon(true);
            t.start();
            out.add(t);
        }
        return out;
    }

    private static String program(ProcessHandle h) {
        String name = h.info().command().map(c -> Path.of(c).getFileName().toString()).orElse("?");
        return name.startsWith("redis-server") ? "redis-server" : name; // Debian's, or embedded-redis' redis-server-6.2.6-...
    }

    private static String read(Path file) throws java.io.IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
    }
}
