package io.unitize.sandbox.internal;

import io.unitize.sandbox.SandboxStartException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Picks free ports. Some servers open extra ports at fixed offsets from the one they are given
 * (Nacos: -1000, +1000, +1001; RocketMQ broker: -2, +1), some on every interface, so a port is
 * taken only when every offset is free both on 127.0.0.1 and on the wildcard address.
 *
 * <p>Ports come from below the kernel's ephemeral range ({@code net.ipv4.ip_local_port_range},
 * 32768..60999 on Linux by default). A server the tests stop and start again on the same port
 * (a unit lost and back, a control center killed and restarted) must find it free: in the
 * ephemeral range, any outgoing connection of any process may have been given it as its local
 * port in between, and the restart then fails with "Address already in use".
 */
public final class Ports {

    private static final int LOW = 10_000;
    private static final int HIGH = highEnd(Path.of("/proc/sys/net/ipv4/ip_local_port_range"));
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** A port p such that p + each offset is free (offset 0 is always checked). */
    public static int freeWithOffsets(int... offsets) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500; attempt++) {
            int base = LOW + 1000 + random.nextInt(HIGH - LOW - 2_002); // base - 1000 >= LOW, base + 1001 < HIGH
            if (allFree(base, offsets)) {
                HANDED_OUT.add(base);
                for (int o : offsets) {
                    HANDED_OUT.add(base + o);
                }
                return base;
            }
        }
        throw new SandboxStartException("UNITIZE-SANDBOX-005 found no free port block in " + LOW + ".." + HIGH);
    }

    /**
     * The top of the range ports are picked from: the first ephemeral port, at most 40000; 40000
     * where the kernel's range cannot be read or starts so low that nothing would be left below it.
     */
    static int highEnd(Path ephemeralRange) {
        try {
            String[] parts = firstLine(ephemeralRange).trim().split("\\s+");
            int firstEphemeral = Integer.parseInt(parts[0]);
            if (firstEphemeral >= LOW + 5_000) {
                return Math.min(firstEphemeral, 40_000);
            }
        } catch (IOException | RuntimeException unreadable) {
            // not Linux, or no /proc: fall through to the fixed range
        }
        return 40_000;
    }

    /** Read line by line: /proc reports its files as empty, and reading by size gets a byte of them. */
    static String firstLine(Path file) throws IOException {
        try (java.io.BufferedReader r = Files.newBufferedReader(file)) {
            String line = r.readLine();
            return line == null ? "" : line;
        }
    }

    /** One free port. */
    public static int free() {
        return freeWithOffsets();
    }

    private static boolean allFree(int base, int[] offsets) {
        if (!free(base)) {
            return false;
        }
        for (int o : offsets) {
            if (!free(base + o)) {
                return false;
            }
        }
        return true;
    }

    private static boolean free(int port) {
        if (HANDED_OUT.contains(port)) {
            return false;
        }
        return bindable(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                && bindable(new InetSocketAddress(port));
    }

    private static boolean bindable(InetSocketAddress address) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(false);
            s.bind(address);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether something accepts TCP connections on 127.0.0.1:port. */
    public static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
