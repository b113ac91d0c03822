package io.unitize.shop.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of one unit's shop process, from the unit's addresses: what the demo and the
 * integration tests run (plain Java, no dependency: the demo holds it without the shop's stack).
 * Everything here is an address or the unit's identity; the unit-aware settings are in shop.yml.
 * The facts of the unit directory (each unit's index, RocketMQ name server and Redis) are not
 * arguments: they are the unit's entry in units[] of the rules document ({@link #unitEndpoints}).
 */
public final class ShopLaunch {

    /** Where a unit's servers are. {@code index}: the unit's stable index (id-service's unit bits). */
    public record UnitAddresses(String code, boolean center, int index, String nacos, String namesrv, int dbPort, String dbUser,
                                String dbPassword, int canalPort, String redisUri) {
    }

    /** The endpoint names of a unit in units[] the shop reads (unit-core's UnitEndpoints names; no dependency here). */
    public static final String ROCKETMQ_ENDPOINT = "rocketmq";
    public static final String REDIS_ENDPOINT = "redis.order-cache";

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    private ShopLaunch() {
    }

    /**
     * The endpoints of unit {@code u} the shop's starters read from its entry in units[] of the rules
     * document (put them there beside its {@code gateway}, with its {@code index}): the RocketMQ name
     * server and the Redis cluster {@code order-cache} (the Redis sources and the invalidator).
     */
    public static Map<String, String> unitEndpoints(UnitAddresses u) {
        Map<String, String> e = new LinkedHashMap<>();
        e.put(ROCKETMQ_ENDPOINT, u.namesrv());
        e.put(REDIS_ENDPOINT, u.redisUri());
        return e;
    }

    /**
     * The shop of {@code self} on {@code httpPort}, seeing every unit of {@code all} (itself included), for
     * rules whose units[] carry each unit's {@code index} and {@link #unitEndpoints}.
     */
    public static List<String> unitArgs(UnitAddresses self, List<UnitAddresses> all, int httpPort, Path home) {
        List<String> a = new ArrayList<>(List.of(
                "--server.port=" + httpPort,
                "--shop.dubbo-port=" + freePort(), // chosen here: two shops starting at once would both take Dubbo's default
                "--shop.unit=" + self.code(),
                "--shop.flyway-suffix=" + self.code().replace('-', '_'),
                "--shop.db=127.0.0.1:" + self.dbPort(),
                "--shop.db-user=" + self.dbUser(), "--shop.db-password=" + self.dbPassword(),
                "--shop.nacos=" + self.nacos(),
                "--shop.canal=127.0.0.1:" + self.canalPort(),
                "--unitize.rules.snapshot-file=" + home.resolve("unitize-rules.json")));
        if (self.center()) {
            a.add("--shop.flyway-locations=classpath:db/shop/common,classpath:db/shop/center");
        }
        for (UnitAddresses u : all) {
            String r = "--dubbo.registries." + u.code() + ".";
            a.add(r + "address=nacos://" + u.nacos());
            a.add(r + "zone=" + u.code());
            a.add(r + "register=" + u.code().equals(self.code()));
            a.add(r + "use-as-config-center=false");
            a.add(r + "use-as-metadata-center=false");
        }
        return a;
    }

    /**
     * {@link #unitArgs} plus the deprecated properties that repeat units[] facts (this unit's index and name
     * server, the peers' name servers, every unit's Redis), for a launcher whose rules give the units no
     * index or endpoints yet (the drill's, today). Each logs UNITIZE-RULE-063 in the shop, and one that
     * disagrees with units[] stops it (UNITIZE-RULE-062). Goes with those properties in the next release.
     *
     * @deprecated give the rules document's units[] their {@code index} and {@link #unitEndpoints}, and use {@link #unitArgs}
     */
    @Deprecated
    public static List<String> args(UnitAddresses self, List<UnitAddresses> all, int httpPort, Path home) {
        List<String> a = unitArgs(self, all, httpPort, home);
        a.add("--shop.unit-index=" + self.index());
        a.add("--unitize.mq.name-server=" + self.namesrv());
        for (UnitAddresses u : all) {
            a.add("--unitize.cache.invalidator.redis." + u.code() + "=" + u.redisUri());
            if (!u.code().equals(self.code())) {
                a.add("--unitize.mq.replicator.peers." + u.code() + "=" + u.namesrv());
            }
        }
        return a;
    }

    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * {@code java ... io.unitize.shop.ShopApplication args}: small heap, its Nacos client's files under
     * {@code home}. Where util-linux's {@code setpriv} is present the process is also killed when the
     * thread that started it dies (so a killed demo or test JVM leaves no shop behind).
     */
    public static List<String> command(String classpath, Path home, List<String> args) {
        return javaCommand("io.unitize.shop.ShopApplication", classpath, home, args);
    }

    /** The same small-heap JVM for another main class (the demo runs its control center so). */
    public static List<String> javaCommand(String mainClass, String classpath, Path home, List<String> args) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(SETPRIV)) {
            cmd.addAll(List.of(SETPRIV.toString(), "--pdeathsig", "KILL", "--"));
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-Duser.home=" + home, "-DJM.SNAPSHOT.PATH=" + home, "-Dnacos.logging.path=" + home.resolve("logs"),
                "-cp", classpath, mainClass));
        cmd.addAll(args);
        return cmd;
    }
}
