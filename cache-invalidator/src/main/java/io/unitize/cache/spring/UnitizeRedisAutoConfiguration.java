package io.unitize.cache.spring;

import io.lettuce.core.codec.RedisCodec;
import io.unitize.cache.redis.UnitDirectoryRedisClusters;
import io.unitize.core.DeprecatedUnitProperty;
import io.unitize.core.UnitDirectory;
import io.unitize.core.rules.RulesSource;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import io.unitize.cache.lock.UnitLocks;
import io.unitize.cache.redis.NacosRedisClusterDirectory;
import io.unitize.cache.redis.RedisClusterDirectory;
import io.unitize.cache.redis.RedisSource;
import io.unitize.cache.redis.RedisSourceConfigException;
import io.unitize.cache.redis.RedisSourceSpec;
import io.unitize.cache.redis.RedisSources;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Named Redis sources of an application with a unit ({@code unitize.unit}): one {@link RedisSources}
 * bean, and one {@link RedisSource} bean per {@code unitize.redis.sources.<name>}, named
 * {@code <name>RedisSource} and qualified {@code @Qualifier("<name>")}. Endpoints and the center come
 * from the unit directory ({@code redis.<cluster>} endpoints of this unit in {@code units[]}; the older
 * Nacos cluster document only where units[] has none, deprecated); an unknown cluster or codec bean fails startup naming it. With
 * {@code unitize.redis.locks.unit-source} set, a {@link UnitLocks} bean.
 */
@AutoConfiguration(after = UnitizeRulesAutoConfiguration.class)
@ConditionalOnClass(name = "io.lettuce.core.RedisClient")
@ConditionalOnProperty(prefix = "unitize", name = "unit")
@EnableConfigurationProperties(UnitizeRedisProperties.class)
public class UnitizeRedisAutoConfiguration {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(UnitizeRedisAutoConfiguration.class);
    private static final String LEGACY_CENTER = "center";

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RedisSources unitizeRedisSources(UnitizeRedisProperties p, Environment env, BeanFactory beans, ObjectProvider<RulesSource> rules) {
        String unit = env.getRequiredProperty("unitize.unit");
        UnitDirectory.Local units = unitDirectory(rules.getIfAvailable());
        String centerUnit = DeprecatedUnitProperty.named("unitize.redis.center-unit", "units[] center")
                .resolve(p.getCenterUnit(), units == null ? null : units.center().code());
        if (centerUnit == null) {
            centerUnit = LEGACY_CENTER; // no rules at all yet: the code the property defaulted to
        }
        List<RedisSourceSpec> specs = new ArrayList<>();
        for (Map.Entry<String, UnitizeRedisProperties.Source> e : p.getSources().entrySet()) {
            UnitizeRedisProperties.Source s = e.getValue();
            RedisCodec<?, ?> codec = null;
            if (s.getCodec() != null && !s.getCodec().isBlank()) {
                if (!beans.containsBean(s.getCodec()) || !beans.isTypeMatch(s.getCodec(), RedisCodec.class)) {
                    throw new RedisSourceConfigException("unitize.redis.sources." + e.getKey() + ".codec: no RedisCodec bean named '"
                            + s.getCodec() + "'");
                }
                codec = beans.getBean(s.getCodec(), RedisCodec.class);
            }
            if (s.getMode() == null) {
                throw new RedisSourceConfigException("unitize.redis.sources." + e.getKey() + ".mode is required (unit or center)");
            }
            specs.add(new RedisSourceSpec(e.getKey(), s.getMode(), s.getClusterName(), codec));
        }
        String center = centerUnit;
        boolean needed = specs.stream().anyMatch(s -> s.mode() == io.unitize.cache.redis.RedisSourceMode.UNIT || unit.equals(center));
        boolean fromUnits = units != null && units.all().find(unit).isPresent()
                && UnitDirectoryRedisClusters.directory(units.self(), units.version()) != null;
        RedisClusterDirectory directory = !needed ? RedisClusterDirectory.of(Map.of(), "(not read: no source is created in unit " + unit + ")")
                : fromUnits ? UnitDirectoryRedisClusters.directory(units.self(), units.version()) : nacosDirectory(p, env);
        RedisSources sources = RedisSources.create(unit, centerUnit, directory, specs, p.getCommandTimeout());
        if (fromUnits) {
            try {
                rules.getObject().addDirectoryListener(sources::follow); // a rules version moves a cluster: reconnect
            } catch (Exception e) {
                sources.close();
                throw new RedisSourceConfigException("cannot follow the unit directory of unit " + unit + ": " + e);
            }
        }
        return sources;
    }

    private static UnitDirectory.Local unitDirectory(RulesSource rules) {
        return rules == null ? null : rules.directoryIfApplied().orElse(null);
    }

    /** Deprecated: the second Nacos document of Redis endpoints, read only when units[] gives this unit no redis.* endpoint. */
    private static RedisClusterDirectory nacosDirectory(UnitizeRedisProperties p, Environment env) {
        log.warn("UNITIZE-CACHE-024 the Redis clusters are read from the Nacos document {} (deprecated, removed in the next "
                + "release) because units[] of the rules gives this unit no redis.<cluster> endpoint. Next: add "
                + "\"redis.<cluster>\": \"redis://host:port\" to this unit in units[]", p.getClusters().getDataId());
        String addr = p.getClusters().getServerAddr() != null ? p.getClusters().getServerAddr() : env.getProperty("unitize.rules.server-addr");
        if (addr == null || addr.isBlank()) {
            throw new RedisSourceConfigException("unitize.redis.clusters.server-addr (or unitize.rules.server-addr) is required: "
                    + "the Redis endpoints come from the unit's Nacos");
        }
        String ns = p.getClusters().getNamespace() != null ? p.getClusters().getNamespace() : env.getProperty("unitize.rules.namespace");
        return NacosRedisClusterDirectory.read(addr, ns, p.getClusters().getDataId(), p.getClusters().getGroup(),
                nacosCredentials(p.getClusters(), env));
    }

    /** unitize.redis.clusters.username/password/access-key/secret-key, each defaulting to the same unitize.rules.* property. */
    private static io.unitize.core.nacos.NacosCredentials nacosCredentials(UnitizeRedisProperties.Clusters c, Environment env) {
        String user = c.getUsername() != null ? c.getUsername() : env.getProperty("unitize.rules.username");
        String password = c.getPassword() != null ? c.getPassword() : env.getProperty("unitize.rules.password");
        String ak = c.getAccessKey() != null ? c.getAccessKey() : env.getProperty("unitize.rules.access-key");
        String sk = c.getSecretKey() != null ? c.getSecretKey() : env.getProperty("unitize.rules.secret-key");
        try {
            return io.unitize.core.nacos.NacosCredentials.of(user, password, ak, sk);
        } catch (IllegalArgumentException e) {
            throw new RedisSourceConfigException("unitize.redis.clusters (or unitize.rules) Nacos credentials: " + e.getMessage());
        }
    }

    /** One bean per source, so that {@code @Qualifier("orders") RedisSource<String, String> orders} works. */
    @Bean
    static BeanDefinitionRegistryPostProcessor unitizeRedisSourceBeans(Environment env) {
        return new BeanDefinitionRegistryPostProcessor() {
            @Override
            public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
                Map<String, UnitizeRedisProperties.Source> sources = Binder.get(env)
                        .bind("unitize.redis.sources", Bindable.mapOf(String.class, UnitizeRedisProperties.Source.class))
                        .orElse(Map.of());
                BeanFactory factory = (BeanFactory) registry;
                for (String name : sources.keySet()) {
                    RootBeanDefinition bd = new RootBeanDefinition(RedisSource.class,
                            () -> factory.getBean(RedisSources.class).get(name));
                    bd.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
                    bd.setDestroyMethodName(""); // RedisSources closes them
                    registry.registerBeanDefinition(name + "RedisSource", bd);
                }
            }

            @Override
            public void postProcessBeanFactory(org.springframework.beans.factory.config.ConfigurableListableBeanFactory beanFactory) {
            }
        };
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "unitize.redis.locks", name = "unit-source")
    UnitLocks unitizeLocks(UnitizeRedisProperties p, RedisSources sources) {
        String center = p.getLocks().getCenterSource();
        return new UnitLocks(sources.get(p.getLocks().getUnitSource()), center == null || center.isBlank() ? null : sources.get(center));
    }
}
