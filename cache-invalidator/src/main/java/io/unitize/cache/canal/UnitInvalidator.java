package io.unitize.cache.canal;

import io.unitize.cache.InvalidationPlanner;
import io.unitize.cache.InvalidationRule;
import io.unitize.cache.InvalidatorConfigException;
import io.unitize.cache.ParkedUnits;
import io.unitize.cache.PlanExecutor;
import io.unitize.cache.SchemaCheck;
import io.unitize.cache.jdbc.JdbcSchemaReader;
import io.unitize.cache.lettuce.LettuceKeyDeleter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The whole invalidator of one unit database, assembled and checked: the rules are checked against the
 * database's live schema (unknown table or column fails here, naming it), the origin server id is read
 * from the database, every unit in a rule's scope must have a Redis. {@link #start()} begins reading.
 *
 * <pre>{@code
 * UnitInvalidator inv = UnitInvalidator.builder()
 *         .unit("unit-b").redis("center", "redis://10.0.0.5:6379").redis("unit-b", "redis://10.1.0.5:6379")
 *         .canal("127.0.0.1", 11111, "unit-b")
 *         .database("jdbc:mariadb://10.1.0.9:3306/shop", "invalidator", secret, "shop")
 *         .rule(new InvalidationRule("orders", List.of(KeyTemplate.parse("order:{buyer_id}:{id}")), Scope.ALL_UNITS, null))
 *         .build().start();
 * }</pre>
 */
public final class UnitInvalidator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UnitInvalidator.class);

    private final String unit;
    private final long serverId;
    private final LettuceKeyDeleter deleter;
    private final PlanExecutor executor;
    private final ScheduledExecutorService delayed;
    private final BinlogInvalidator invalidator;
    private final InvalidationPlanner planner;

    private UnitInvalidator(Builder b, long serverId) {
        this.unit = b.unit;
        this.serverId = serverId;
        this.deleter = new LettuceKeyDeleter(b.redisByUnit, b.commandTimeout);
        ParkedUnits parked = b.homesNoBuyer == null ? ParkedUnits.never() : new ParkedUnits(b.homesNoBuyer, b.parkAfter.toMillis(),
                b.parkedKeys, b.maxBackoff.toMillis(), System::currentTimeMillis);
        this.executor = new PlanExecutor(deleter, b.initialBackoff, b.maxBackoff, d -> Thread.sleep(d.toMillis()), System::currentTimeMillis, parked);
        this.delayed = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "unitize-invalidator-" + b.unit + "-double-delete");
            t.setDaemon(true);
            return t;
        });
        this.planner = new InvalidationPlanner(b.unit, serverId, new ArrayList<>(b.redisByUnit.keySet()), b.rules);
        String filter = b.schema + "\\..*"; // Canal filter regex: every table of the schema
        this.invalidator = new BinlogInvalidator(new CanalBinlogSource(new InetSocketAddress(b.canalHost, b.canalPort), b.destination,
                filter), planner, executor, delayed);
    }

    public static Builder builder() {
        return new Builder();
    }

    public UnitInvalidator start() {
        invalidator.start(unit);
        log.info("UNITIZE-CACHE-030 invalidator of unit {} started (database server id {})", unit, serverId);
        return this;
    }

    public String unit() {
        return unit;
    }

    /** The origin server id of this unit's database, as the database reported it. */
    public long serverId() {
        return serverId;
    }

    /** unit -> the Redis endpoint its keys are deleted in now. */
    public Map<String, String> redisEndpoints() {
        return deleter.endpoints();
    }

    /**
     * Moves the invalidator to {@code redisByUnit} (every unit's Redis, from a new units[]): a delete
     * that starts after this returns goes to the new endpoint, one in flight on a replaced endpoint fails
     * and is retried on the new one (the binlog position is kept until it succeeds), so no invalidation
     * is lost; an added unit gets the keys of ALL_UNITS tables from the next batch on.
     *
     * @throws InvalidatorConfigException when this invalidator's own unit has no Redis in it; nothing changes
     */
    public synchronized void retarget(Map<String, String> redisByUnit) {
        if (!redisByUnit.containsKey(unit)) {
            throw new InvalidatorConfigException("no Redis for this invalidator's own unit " + unit + " (Redis given for "
                    + redisByUnit.keySet() + ")");
        }
        Map<String, String> before = deleter.endpoints();
        var changed = deleter.retarget(redisByUnit);
        planner.units(new ArrayList<>(redisByUnit.keySet()));
        for (String u : changed) {
            log.info("UNITIZE-CACHE-028 invalidator of unit {}: the Redis of unit {} moves from {} to {}; deletes in flight are "
                    + "retried there", unit, u, before.getOrDefault(u, "(none)"), redisByUnit.getOrDefault(u, "(none: unit dropped)"));
        }
    }

    public PlanExecutor executor() {
        return executor;
    }

    public BinlogInvalidator binlog() {
        return invalidator;
    }

    @Override
    public void close() throws InterruptedException {
        invalidator.close();
        delayed.shutdownNow();
        deleter.close();
    }

    public static final class Builder {
        private String unit;
        private final Map<String, String> redisByUnit = new LinkedHashMap<>();
        private String canalHost;
        private int canalPort;
        private String destination;
        private String jdbcUrl;
        private String user;
        private String password;
        private String schema;
        private final List<InvalidationRule> rules = new ArrayList<>();
        private Duration commandTimeout = Duration.ofSeconds(2);
        private Duration initialBackoff = Duration.ofMillis(100);
        private Duration maxBackoff = Duration.ofSeconds(5);
        private java.util.function.Predicate<String> homesNoBuyer;
        private Duration parkAfter = Duration.ofSeconds(10);
        private int parkedKeys = 100_000;

        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        /** The Redis of a unit (every unit a rule may reach: all of them when any rule is ALL_UNITS). */
        public Builder redis(String unitCode, String redisUri) {
            redisByUnit.put(unitCode, redisUri);
            return this;
        }

        public Builder canal(String host, int port, String destination) {
            this.canalHost = host;
            this.canalPort = port;
            this.destination = destination;
            return this;
        }

        public Builder database(String jdbcUrl, String user, String password, String schema) {
            this.jdbcUrl = jdbcUrl;
            this.user = user;
            this.password = password;
            this.schema = schema;
            return this;
        }

        public Builder rule(InvalidationRule rule) {
            rules.add(rule);
            return this;
        }

        public Builder commandTimeout(Duration d) {
            this.commandTimeout = d;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * Stops waiting for a unit whose Redis has failed for {@code after} while {@code homesNoBuyer}
         * says the rules in force route no slot to it (a lost unit, failed over); up to {@code keptKeys}
         * of its keys are kept and retried apart ({@link ParkedUnits}). Without it every unit is waited for.
         */
        public Builder parkUnitsHomingNoBuyer(java.util.function.Predicate<String> homesNoBuyer, Duration after, int keptKeys) {
            this.homesNoBuyer = homesNoBuyer;
            this.parkAfter = after;
            this.parkedKeys = keptKeys;
            return this;
        }

        /** @throws InvalidatorConfigException naming what is missing or unknown; nothing is started */
        public UnitInvalidator build() {
            require(unit, "unit");
            require(canalHost, "canal address");
            require(destination, "canal destination");
            require(jdbcUrl, "database jdbc url");
            require(schema, "database schema");
            if (rules.isEmpty()) {
                throw new InvalidatorConfigException("unit " + unit + ": no invalidation rules");
            }
            if (!redisByUnit.containsKey(unit)) {
                throw new InvalidatorConfigException("no Redis for this invalidator's own unit " + unit + " (Redis given for " + redisByUnit.keySet() + ")");
            }
            JdbcSchemaReader.DatabaseFacts facts = JdbcSchemaReader.read(jdbcUrl, user, password, schema);
            SchemaCheck.check(rules, schema, facts.columnsByTable());
            return new UnitInvalidator(this, facts.serverId());
        }

        private void require(Object v, String what) {
            if (v == null || (v instanceof String s && s.isBlank())) {
                throw new InvalidatorConfigException("the invalidator needs its " + what);
            }
        }
    }
}
