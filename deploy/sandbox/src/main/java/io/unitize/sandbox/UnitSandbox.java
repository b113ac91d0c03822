package io.unitize.sandbox;

import io.unitize.sandbox.internal.CanalNode;
import io.unitize.sandbox.internal.ConcurrentStart;
import io.unitize.sandbox.internal.ManagedProcess;
import io.unitize.sandbox.internal.MariaDbNode;
import io.unitize.sandbox.internal.NacosNode;
import io.unitize.sandbox.internal.RedisNode;
import io.unitize.sandbox.internal.RocketMqNode;
import io.unitize.sandbox.internal.RunFolder;
import io.unitize.sandbox.internal.ServerNode;
import io.unitize.sandbox.internal.StartAttempts;
import io.unitize.sandbox.internal.ProcessLauncher;
import io.unitize.sandbox.internal.ProcessRegistry;
import io.unitize.sandbox.internal.AppsClosedFirst;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Two (or more) units on real servers on one machine: per unit a Nacos, a RocketMQ name server
 * and broker, a MariaDB whose data replicates to and from every other unit's, a Redis and a Canal
 * server reading that unit's binlog. Every server runs in its own process, listens on 127.0.0.1
 * on a port picked free at start and keeps its data under the run folder.
 *
 * <pre>{@code
 * try (UnitSandbox sandbox = UnitSandbox.builder().servers(ServerKind.NACOS, ServerKind.MARIADB).build()) {
 *     sandbox.start();
 *     String nacos = sandbox.unit("unit-b").nacosAddr();
 * }
 * }</pre>
 *
 * Thread-safe. Servers stopped for a fault test keep their ports and data when started again.
 */
public final class UnitSandbox implements AutoCloseable {

    /** The default units: the center and one more. */
    public static final List<String> DEFAULT_UNITS = List.of("center", "unit-b");

    private final Path runDir;
    private final Map<String, SandboxUnit> units = new LinkedHashMap<>();
    private final Set<ServerKind> wanted;
    private final Consumer<String> progress;
    private final boolean nacosAuth;
    private final Long nacosPushTaskDelayMillis;
    private final Map<String, Long> startMillis = Collections.synchronizedMap(new LinkedHashMap<>());
    private final AppsClosedFirst closeFirst = new AppsClosedFirst();
    private boolean closed;

    private UnitSandbox(Builder b) {
        this.runDir = b.reuseRunDir != null ? RunFolder.reuse(b.reuseRunDir) : RunFolder.create(b.baseDir, b.progress);
        this.wanted = EnumSet.copyOf(b.servers);
        this.progress = b.progress;
        this.nacosAuth = b.nacosAuth;
        this.nacosPushTaskDelayMillis = b.nacosPushDelay.millis();
        for (int i = 0; i < b.units.size(); i++) {
            String code = b.units.get(i);
            units.put(code, new SandboxUnit(code, i == 0, i));
        }
        ProcessRegistry.registerOwner(this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A free port on 127.0.0.1 for an application a test starts next to the sandbox (a shop, a
     * gateway, a control center). It lies below the kernel's ephemeral range, so an application
     * killed and started again on it finds it free: a port picked with {@code new ServerSocket(0)}
     * may meanwhile be the local end of anyone's outgoing connection.
     */
    public static int freePort() {
        return io.unitize.sandbox.internal.Ports.free();
    }

    /** Starts every server kind asked for in the builder; returns once all answer. */
    public UnitSandbox start() {
        ensureStarted(wanted);
        return this;
    }

    /**
     * Starts the server kinds of {@code kinds} that are not started yet (CANAL brings MARIADB).
     * Each kind starts in every unit at once, and the kinds alongside each other, except that Canal
     * waits for MariaDB and its replication (a server's start is mostly one busy thread, so two on
     * two cores take little longer than one). {@code -Dunitize.sandbox.nacosOneAtATime=true} starts
     * the Nacos servers one after the other, as before. A server that dies before it is
     * ready, or is not ready in time, is started again (at most three attempts, UNITIZE-SANDBOX-050).
     */
    public synchronized void ensureStarted(Collection<ServerKind> kinds) {
        if (closed) {
            throw new IllegalStateException("UNITIZE-SANDBOX-011 the sandbox is closed");
        }
        EnumSet<ServerKind> todo = EnumSet.noneOf(ServerKind.class);
        todo.addAll(kinds);
        if (todo.contains(ServerKind.CANAL)) {
            todo.add(ServerKind.MARIADB);
        }
        todo.removeIf(k -> units.values().iterator().next().has(k));
        if (todo.isEmpty()) {
            return;
        }
        if (!ProcessLauncher.diesWithOwner()) {
            progress.accept(ProcessLauncher.MISSING_SETPRIV);
        }
        long t0 = System.nanoTime();
        progress.accept("sandbox: starting " + todo + " for units " + units.keySet() + " under " + runDir);
        try {
            // independent chains, each kind in every unit at once: Nacos, RocketMQ, Redis, and MariaDB
            // then its replication then Canal (which reads the binlog)
            CompletableFuture<Void> nacos = Boolean.getBoolean(NACOS_ONE_AT_A_TIME) && todo.contains(ServerKind.NACOS)
                    ? ConcurrentStart.one(() -> units.values().forEach(u -> startNode(u, ServerKind.NACOS)))
                    : inEveryUnit(todo, ServerKind.NACOS);
            CompletableFuture<Void> databases = inEveryUnit(todo, ServerKind.MARIADB)
                    .thenRun(() -> {
                        if (todo.contains(ServerKind.MARIADB)) {
                            wireReplication();
                        }
                    })
                    .thenCompose(none -> inEveryUnit(todo, ServerKind.CANAL));
            CompletableFuture<Void> rest = CompletableFuture.allOf(databases, inEveryUnit(todo, ServerKind.ROCKETMQ),
                    inEveryUnit(todo, ServerKind.REDIS));
            CompletableFuture.allOf(nacos, rest).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof CompletionException && cause.getCause() != null) { // a chain's own relay
                cause = cause.getCause();
            }
            close();
            if (cause instanceof SandboxStartException s) {
                throw s;
            }
            throw new SandboxStartException("UNITIZE-SANDBOX-012 sandbox start failed: " + cause, cause);
        }
        progress.accept(String.format("sandbox: %s up in %.1f s, child processes use %d MB", todo,
                (System.nanoTime() - t0) / 1e9, residentMegabytes()));
    }

    /**
     * The system property that sets the Nacos servers' push delay ({@code nacos.naming.push.pushTaskDelay}),
     * in milliseconds, on their command lines only (no other JVM sees it); unset, they run with the
     * sandbox's 50 ms. {@link Builder#nacosPushTaskDelay} wins over it.
     */
    public static final String NACOS_PUSH_TASK_DELAY = "unitize.sandbox.nacos.push-task-delay";

    /** The system property that starts the units' Nacos servers one after the other. */
    public static final String NACOS_ONE_AT_A_TIME = "unitize.sandbox.nacosOneAtATime";

    /** Starts {@code kind} in every unit at the same time, if {@code todo} asks for it. */
    private CompletableFuture<Void> inEveryUnit(Set<ServerKind> todo, ServerKind kind) {
        return todo.contains(kind) ? ConcurrentStart.each(units.values(), u -> startNode(u, kind)) : CompletableFuture.completedFuture(null);
    }

    private void startNode(SandboxUnit unit, ServerKind kind) {
        Path home = runDir.resolve(unit.code()).resolve(kind.name().toLowerCase());
        ServerNode node = switch (kind) {
            case NACOS -> new NacosNode(unit.code(), home, nacosAuth, nacosPushTaskDelayMillis);
            case ROCKETMQ -> new RocketMqNode(unit.code(), home);
            case MARIADB -> new MariaDbNode(unit.code(), home, unit.index() + 1L);
            case REDIS -> new RedisNode(unit.code(), home);
            case CANAL -> new CanalNode(unit.code(), home, (MariaDbNode) unit.node(ServerKind.MARIADB));
        };
        unit.put(kind, node);
        timedStart(node);
    }

    private void timedStart(ServerNode node) {
        long t = System.nanoTime();
        progress.accept("sandbox:   " + node.name() + " starting");
        StartAttempts.start(node, progress);
        long ms = (System.nanoTime() - t) / 1_000_000;
        startMillis.put(node.name(), ms);
        progress.accept(String.format("sandbox:   %s up in %d ms", node.name(), ms));
    }

    private void wireReplication() {
        units.values().forEach(this::replicateFromEveryOther);
        progress.accept("sandbox:   databases replicate both ways between " + units.keySet());
    }

    /** Has {@code replica}'s database replicate from every other unit's. */
    private void replicateFromEveryOther(SandboxUnit replica) {
        for (SandboxUnit source : units.values()) {
            if (replica != source) {
                ((MariaDbNode) replica.node(ServerKind.MARIADB)).replicateFrom((MariaDbNode) source.node(ServerKind.MARIADB));
            }
        }
    }

    /** The unit named {@code code}. */
    public SandboxUnit unit(String code) {
        SandboxUnit u = units.get(code);
        if (u == null) {
            throw new IllegalArgumentException("UNITIZE-SANDBOX-013 no unit '" + code + "' in this sandbox; units are " + units.keySet());
        }
        return u;
    }

    /** The center unit (the first one). */
    public SandboxUnit center() {
        return units.values().iterator().next();
    }

    /** Every unit, the center first. */
    public List<SandboxUnit> units() {
        return List.copyOf(units.values());
    }

    /** The folder of this run: data, configuration and one log per server. */
    public Path runDir() {
        return runDir;
    }

    /** Stops one server cleanly (for fault tests); {@link #startServer} brings it back on the same port and data. */
    public void stopServer(String unit, ServerKind kind) {
        startedNode(unit, kind).stop();
        progress.accept("sandbox:   " + startedNode(unit, kind).name() + " stopped");
    }

    /** Kills one server's processes at once, as a crash would (for fault tests). */
    public void killServer(String unit, ServerKind kind) {
        startedNode(unit, kind).kill();
        progress.accept("sandbox:   " + startedNode(unit, kind).name() + " killed");
    }

    /** Starts again a server stopped or killed by {@link #stopServer} / {@link #killServer}. */
    public synchronized void startServer(String unit, ServerKind kind) {
        ServerNode node = startedNode(unit, kind);
        if (node.processes().stream().anyMatch(ManagedProcess::isAlive)) {
            throw new IllegalStateException("UNITIZE-SANDBOX-014 " + node.name() + " is running; stop it first");
        }
        timedStart(node);
        if (kind == ServerKind.MARIADB) {
            // it does not resume replication on its own (--skip-slave-start): start it again from its saved positions
            replicateFromEveryOther(unit(unit));
        }
    }

    private ServerNode startedNode(String unit, ServerKind kind) {
        ServerNode node = unit(unit).node(kind);
        if (node == null) {
            throw new IllegalStateException("UNITIZE-SANDBOX-010 " + kind + " is not started in unit " + unit);
        }
        return node;
    }

    /** How long each server took to start, in start order (milliseconds). */
    public Map<String, Long> startTimes() {
        synchronized (startMillis) {
            return new LinkedHashMap<>(startMillis);
        }
    }

    /** PIDs of every live server process. */
    public List<Long> pids() {
        List<Long> out = new ArrayList<>();
        for (SandboxUnit u : units.values()) {
            for (ServerKind k : ServerKind.values()) {
                ServerNode n = u.node(k);
                if (n != null) {
                    n.processes().stream().filter(ManagedProcess::isAlive).forEach(p -> out.add(p.pid()));
                }
            }
        }
        return out;
    }

    /** Resident memory of every live server process, summed, in MB (from /proc). */
    public long residentMegabytes() {
        long kb = 0;
        for (long pid : pids()) {
            kb += RunFolder.residentKilobytes(pid);
        }
        return kb / 1024;
    }

    /**
     * Something running on the sandbox's servers (an application, a control center) that {@link #close}
     * stops first, the last given first: also when the JVM ends on a signal, since the sandbox's own
     * shutdown hook closes the sandbox, and shutdown hooks run at the same time as the owner's.
     */
    public void closeFirst(AutoCloseable app) {
        closeFirst.add(app);
    }

    /**
     * Stops what {@link #closeFirst} named, then every server, all at once except the databases, which
     * go last (Canal reads them) and shut down cleanly (replication stopped, then SHUTDOWN). Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeFirst.closeAll(progress);
        ServersStopped.databasesLast(units.values());
        RunFolder.release(runDir);
        ProcessRegistry.unregisterOwner(this);
        progress.accept("sandbox: stopped");
    }

    /** Builds a sandbox; nothing starts before {@link UnitSandbox#start()}. */
    public static final class Builder {
        private Path baseDir = Path.of("target", "unitize-sandbox");
        private List<String> units = DEFAULT_UNITS;
        private EnumSet<ServerKind> servers = EnumSet.allOf(ServerKind.class);
        private Consumer<String> progress = System.out::println;
        private boolean nacosAuth;
        private NacosPushDelay nacosPushDelay = NacosPushDelay.UNSET;
        private Path reuseRunDir;

        private Builder() {
        }

        /**
         * Starts the servers again on the data of an earlier run's folder ({@code <base>/run-<pid>}, kept
         * because a new run deletes earlier folders only when it starts): MariaDB, Nacos, RocketMQ on their
         * data, each on new free ports, replication re-pointed at them. The units must be the same as in
         * that run. Default: a new folder.
         */
        public Builder reuseRunDir(Path runDir) {
            this.reuseRunDir = runDir;
            return this;
        }

        /**
         * Starts every Nacos with authentication on ({@code nacos.core.auth.enabled=true}, a fixed
         * token secret) and admin user {@link SandboxUnit#nacosUsername()} /
         * {@link SandboxUnit#nacosPassword()}: clients without those credentials are refused.
         * Default off.
         */
        public Builder nacosAuth(boolean on) {
            this.nacosAuth = on;
            return this;
        }

        /**
         * Runs every Nacos with {@code -Dnacos.naming.push.pushTaskDelay=<millis>} on its own command line
         * (Nacos' stock setting is 500 ms; the sandbox's, without this, 50 ms); null keeps the sandbox's.
         * Default: system property {@value UnitSandbox#NACOS_PUSH_TASK_DELAY}, if set. Only the Nacos
         * servers get it, unlike {@code JAVA_TOOL_OPTIONS}, which every JVM started from the shell reads.
         *
         * @throws IllegalArgumentException if {@code millis} is negative
         */
        public Builder nacosPushTaskDelay(Long millis) {
            this.nacosPushDelay = NacosPushDelay.of(millis);
            return this;
        }

        /** The push delay the Nacos servers will be given on their command lines (null: the sandbox's 50 ms). */
        Long nacosPushTaskDelayMillis() {
            return nacosPushDelay.millis();
        }

        /** Folder under which each run gets its own sub-folder (default {@code target/unitize-sandbox}). */
        public Builder baseDir(Path dir) {
            this.baseDir = dir;
            return this;
        }

        /** Unit codes, the center first (default {@code center, unit-b}). */
        public Builder units(String... codes) {
            this.units = UnitCodes.checked(codes);
            return this;
        }

        /** The server kinds to start (default: all). */
        public Builder servers(ServerKind first, ServerKind... more) {
            this.servers = EnumSet.of(first, more);
            return this;
        }

        /** The server kinds to start (default: all). */
        public Builder servers(Collection<ServerKind> kinds) {
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("UNITIZE-SANDBOX-018 servers must name at least one ServerKind");
            }
            this.servers = EnumSet.copyOf(kinds);
            return this;
        }

        /** Where progress lines go (default: standard output). */
        public Builder progress(Consumer<String> sink) {
            this.progress = sink;
            return this;
        }

        public UnitSandbox build() {
            this.nacosPushDelay = nacosPushDelay.resolved();
            return new UnitSandbox(this);
        }
    }
}
