package io.unitize.cache.spring;

import io.unitize.cache.InvalidationRule;
import io.unitize.cache.InvalidatorConfigException;
import io.unitize.cache.KeyTemplate;
import io.unitize.cache.canal.UnitInvalidator;
import io.unitize.cache.micrometer.InvalidatorMetrics;
import io.unitize.core.RulesUnavailableException;
import io.unitize.core.UnitDirectory;
import io.unitize.core.rules.RulesSource;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.Map;

/**
 * The binlog invalidator of this unit's database, from {@code unitize.cache.invalidator.*} when
 * {@code enabled=true}. Startup fails, naming the property, on an unknown table or column (checked
 * against the live schema), a malformed template, or a Redis that the unit directory does not give
 * every unit. Every unit's Redis is its {@code redis.<cluster>} endpoint in {@code units[]}
 * ({@code cluster}: {@code unitize.cache.invalidator.cluster}); the {@code redis} map is deprecated. With Micrometer,
 * its meters are bound ({@link InvalidatorMetrics}).
 */
@AutoConfiguration(after = UnitizeRulesAutoConfiguration.class)
@ConditionalOnClass(name = "com.alibaba.otter.canal.client.CanalConnector")
@ConditionalOnProperty(prefix = "unitize.cache.invalidator", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(UnitizeInvalidatorProperties.class)
public class UnitizeInvalidatorAutoConfiguration {

    private static final String P = "unitize.cache.invalidator.";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    UnitInvalidator unitizeInvalidator(UnitizeInvalidatorProperties p, Environment env, ObjectProvider<RulesSource> rules) {
        String unit = env.getProperty("unitize.unit");
        if (unit == null || unit.isBlank()) {
            throw new InvalidatorConfigException("unitize.unit is required: the invalidator reads that unit's database");
        }
        RulesSource source = rules.getIfAvailable();
        UnitDirectory directory = null;
        if (source != null) {
            try {
                directory = source.snapshot().directory();
            } catch (RulesUnavailableException e) {
                directory = null;
            }
        }
        UnitInvalidator.Builder b = UnitInvalidator.builder().unit(unit).backoff(p.getInitialBackoff(), p.getMaxBackoff());
        if (source != null) {
            b.parkUnitsHomingNoBuyer(u -> homesNoBuyer(source, u), p.getParkAfter(), p.getParkedKeys());
        }
        InvalidatorRedisResolver.resolve(p.getRedis(), p.getCluster(), directory).forEach(b::redis);
        String address = p.getCanalAddress();
        int colon = address == null ? -1 : address.lastIndexOf(':');
        if (colon <= 0) {
            throw new InvalidatorConfigException(P + "canal-address must be host:port, but was '" + address + "'");
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidatorConfigException(P + "canal-address must be host:port, but was '" + address + "'");
        }
        b.canal(address.substring(0, colon), port, p.getCanalDestination() == null ? unit : p.getCanalDestination());
        UnitizeInvalidatorProperties.Database db = p.getDatabase();
        b.database(db.getUrl(), db.getUsername(), db.getPassword(), db.getSchema());
        for (Map.Entry<String, UnitizeInvalidatorProperties.Rule> e : p.getRules().entrySet()) {
            try {
                var templates = new ArrayList<KeyTemplate>();
                for (String k : e.getValue().getKeys()) {
                    templates.add(KeyTemplate.parse(k));
                }
                b.rule(new InvalidationRule(e.getKey(), templates, e.getValue().getScope(), e.getValue().getDoubleDeleteAfter()));
            } catch (InvalidatorConfigException bad) {
                throw new InvalidatorConfigException(P + "rules." + e.getKey() + ": " + bad.getMessage());
            }
        }
        UnitInvalidator invalidator = b.build().start();
        if (source != null) {
            follow(invalidator, source, p);
        }
        return invalidator;
    }

    /** Whether the rules in force route no slot to {@code unit} (false without rules: then every unit is waited for). Asked only on a failed delete. */
    static boolean homesNoBuyer(RulesSource source, String unit) {
        try {
            return source.snapshot().rules().routes().stream().noneMatch(r -> r.unit().equals(unit));
        } catch (RulesUnavailableException e) {
            return false;
        }
    }

    /** A rules version that changes units[] (a unit's redis.<cluster> moved, a unit added) moves the invalidator's deletes. */
    private static void follow(UnitInvalidator invalidator, RulesSource source, UnitizeInvalidatorProperties p) {
        try {
            source.addDirectoryListener((before, now) ->
                    invalidator.retarget(InvalidatorRedisResolver.resolve(p.getRedis(), p.getCluster(), now.all())));
        } catch (Exception e) {
            try {
                invalidator.close();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            throw new InvalidatorConfigException("the invalidator of unit " + invalidator.unit() + " cannot follow the unit directory: " + e);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {
        @Bean
        InvalidatorMetrics unitizeInvalidatorMetrics(UnitInvalidator invalidator) {
            return new InvalidatorMetrics(invalidator.unit(), invalidator.executor(), invalidator.binlog());
        }
    }
}
