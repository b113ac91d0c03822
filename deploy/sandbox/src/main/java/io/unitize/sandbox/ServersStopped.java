package io.unitize.sandbox;

import io.unitize.sandbox.internal.ServerNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How {@link UnitSandbox#close()} stops the servers: every server of every unit at once, each on its
 * own thread, except the databases, which go last (Canal reads them) and shut down cleanly.
 */
final class ServersStopped {

    private ServersStopped() {
    }

    static void databasesLast(Collection<SandboxUnit> units) {
        List<ServerNode> first = new ArrayList<>();
        List<ServerNode> last = new ArrayList<>();
        for (SandboxUnit u : units) {
            for (ServerKind kind : ServerKind.values()) {
                ServerNode n = u.node(kind);
                if (n != null) {
                    (kind == ServerKind.MARIADB ? last : first).add(n);
                }
            }
        }
        stopAll(first);
        stopAll(last);
    }

    private static void stopAll(List<ServerNode> nodes) {
        List<Thread> threads = new ArrayList<>();
        for (ServerNode n : nodes) {
            Thread t = new Thread(n::stop, "unitize-sandbox-stop-" + n.name());
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
