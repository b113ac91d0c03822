package io.unitize.sandbox.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A standalone Nacos server in a child JVM. Nacos also opens gRPC ports at +1000 and +1001 and a
 * Raft port at -1000 on every interface, so all four are picked free together. A restart keeps
 * the port and the data folder (the embedded Derby database), like a real server restart.
 */
public final class NacosNode extends SingleProcessNode {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration LOGIN_TIMEOUT = Duration.ofSeconds(60);

    private final String unit;
    private final Path home;
    /** The admin user of a Nacos started with authentication on. */
    public static final String AUTH_USERNAME = "nacos";
    /** Its password (loopback-only test servers: a known value). */
    public static final String AUTH_PASSWORD = "unitize-sandbox";
    /** The token signing key of a Nacos with authentication on (base64, 45 bytes). */
    public static final String AUTH_TOKEN_SECRET = "dW5pdGl6ZS1zYW5kYm94LW5hY29zLXRva2VuLXNlY3JldC0wMTIzNDU2Nzg5";

    /** The file in the home folder where the server writes its settings in force (see NacosServerMain). */
    static final String SETTINGS_FILE = "unitize-effective-settings.properties";

    /** The Nacos setting {@link #NacosNode(String, Path, boolean, Long)} overrides. */
    static final String PUSH_TASK_DELAY = "nacos.naming.push.pushTaskDelay";

    private final int port;
    private final boolean auth;
    private final Long pushTaskDelayMillis;
    private boolean cameUp;

    public NacosNode(String unit, Path home) {
        this(unit, home, false);
    }

    /** With {@code auth}, the server runs with {@code nacos.core.auth.enabled=true} and admin {@value #AUTH_USERNAME}. */
    public NacosNode(String unit, Path home, boolean auth) {
        this(unit, home, auth, null);
    }

    /**
     * With {@code pushTaskDelayMillis} not null, the server runs with {@code -Dnacos.naming.push.pushTaskDelay=<ms>}
     * on its own command line (it wins over the module's {@code application.properties}, 50 ms); null keeps that.
     */
    public NacosNode(String unit, Path home, boolean auth, Long pushTaskDelayMillis) {
        if (pushTaskDelayMillis != null && pushTaskDelayMillis < 0) {
            throw new IllegalArgumentException("UNITIZE-SANDBOX-023 the Nacos push delay must be >= 0 ms, but was "
                    + pushTaskDelayMillis);
        }
        this.unit = unit;
        this.home = home;
        this.auth = auth;
        this.pushTaskDelayMillis = pushTaskDelayMillis;
        this.port = Ports.freeWithOffsets(-1000, 1000, 1001);
    }

    public boolean authEnabled() {
        return auth;
    }

    public int port() {
        return port;
    }

    /**
     * A setting in force as the running server read it at its start (e.g.
     * {@code nacos.naming.push.pushTaskDelay}), empty when the server does not report it.
     *
     * @throws io.unitize.sandbox.ServerSettingsException when the server wrote no readable settings file
     */
    public Optional<String> setting(String name) {
        return ServerSettingsFile.read(home.resolve(SETTINGS_FILE), name(), name);
    }

    @Override
    public String name() {
        return "nacos[" + unit + "]";
    }

    @Override
    public void start(Consumer<String> log) {
        try {
            Files.deleteIfExists(home.resolve(SETTINGS_FILE)); // an earlier start's settings are not this one's
        } catch (IOException e) {
            throw new io.unitize.sandbox.SandboxStartException("UNITIZE-SANDBOX-072 cannot delete the settings file of the"
                    + " previous start of " + name() + " (" + e + "); check the permissions of " + home, e);
        }
        List<String> jvm = jvmOptions(home, port, auth, pushTaskDelayMillis);
        process = new ManagedProcess(name(), JavaChildCommand.of("nacos", jvm,
                "io.unitize.sandbox.nacos.NacosServerMain", List.of()), home, home.resolve("out.log"));
        process.start();
        process.awaitReady(this::answers, READY_TIMEOUT, log);
        if (auth) {
            ensureAdminUser();
        }
        cameUp = true;
    }

    /** The JVM options of a Nacos server: memory, folders, port, authentication when asked, the push delay when given. */
    static List<String> jvmOptions(Path home, int port, boolean auth, Long pushTaskDelayMillis) {
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xms64m", "-Xmx192m", "-XX:MaxMetaspaceSize=160m",
                "-Dnacos.home=" + home, "-Dnacos.logs.path=" + home.resolve("logs"),
                "-Dserver.tomcat.basedir=" + home.resolve("tomcat"), "-Duser.home=" + home,
                "-Dnacos.server.main.port=" + port, "-Dnacos.standalone=true"));
        if (auth) {
            jvm.addAll(List.of("-Dnacos.core.auth.enabled=true", "-Dnacos.core.auth.admin.enabled=true",
                    "-Dnacos.core.auth.caching.enabled=false", // users and roles read at once, not after a cache refresh
                    "-Dnacos.core.auth.plugin.nacos.token.secret.key=" + AUTH_TOKEN_SECRET,
                    "-Dnacos.core.auth.server.identity.key=unitize-sandbox",
                    "-Dnacos.core.auth.server.identity.value=unitize-sandbox"));
        }
        if (pushTaskDelayMillis != null) {
            jvm.add("-D" + PUSH_TASK_DELAY + "=" + pushTaskDelayMillis);
        }
        return jvm;
    }

    /**
     * Creates the admin user on a first start (Nacos 3 has none), then waits until it can log in:
     * Nacos loads users into a cache that it refreshes every few seconds, so the first logins after
     * the creation are refused.
     */
    private void ensureAdminUser() {
        String base = "http://127.0.0.1:" + port + "/nacos/v3/auth/user";
        String created = post(base + "/admin", "password=" + AUTH_PASSWORD);
        long deadline = System.nanoTime() + Patience.widened(LOGIN_TIMEOUT).toNanos();
        String login;
        while (true) {
            login = post(base + "/login", "username=" + AUTH_USERNAME + "&password=" + AUTH_PASSWORD);
            if (login.startsWith("200 ") && login.contains("accessToken")) {
                return;
            }
            if (System.nanoTime() > deadline || !process.isAlive()) {
                break;
            }
            ManagedProcess.sleep(250);
        }
        throw new io.unitize.sandbox.SandboxStartException("UNITIZE-SANDBOX-008 " + name() + " runs with authentication on but"
                + " user " + AUTH_USERNAME + " cannot log in (creating it answered: " + created + "; the last login answered: "
                + login + "); log " + process.log());
    }

    private static String post(String url, String form) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            HttpResponse<String> r = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + " " + r.body();
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A server that never came up drops its half-made Derby database; a restarted one keeps its data. */
    @Override
    public String prepareRetry() {
        if (cameUp) {
            return "on the same data";
        }
        try {
            NativeBinaries.deleteTree(home.resolve("data"));
        } catch (IOException e) {
            return "on the same data (could not delete " + home.resolve("data") + ": " + e.getMessage() + ")";
        }
        return "with a fresh Derby database";
    }

    private boolean answers() {
        if (!process.logContains("NACOS-READY")) {
            return false;
        }
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/nacos/v1/ns/operator/metrics"))
                    .timeout(Duration.ofSeconds(2)).build();
            int status = HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 || auth && (status == 401 || status == 403); // with auth on, a refusal is an answer
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
}
