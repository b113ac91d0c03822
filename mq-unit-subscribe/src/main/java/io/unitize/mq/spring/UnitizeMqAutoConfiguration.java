package io.unitize.mq.spring;

import io.unitize.core.DeprecatedUnitProperty;
import io.unitize.core.UnitDirectory;
import io.unitize.core.UnitEndpoints;
import io.unitize.core.rules.RulesSource;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import io.unitize.mq.MqConfigException;
import io.unitize.mq.rocketmq.MessageReplicator;
import io.unitize.mq.rocketmq.UnitProducer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RocketMQ with units, from {@code unitize.mq.*} when {@code unitize.mq.enabled=true} (or the deprecated
 * {@code unitize.mq.name-server} is set; needs {@code unitize.unit}). This unit's name server is its
 * {@code rocketmq} endpoint in units[] of the process's rules ({@link LocalNameServer}; the deprecated
 * property only where units[] gives none, refused when it disagrees). A {@link UnitProducer} when {@code producer.group} is set, every
 * declared consumer group ({@link UnitConsumers}), and with {@code replicator.enabled} the
 * replicators from this unit to each peer, whose name servers come from the unit directory (the
 * {@code rocketmq} endpoints of {@code units[]}) and are followed when a rules version moves one.
 * UNIT and CENTER groups read the shared rules subscriber.
 */
@AutoConfiguration(after = UnitizeRulesAutoConfiguration.class)
@ConditionalOnClass(name = "org.apache.rocketmq.client.consumer.DefaultMQPushConsumer")
@ConditionalOnExpression("${unitize.mq.enabled:false} or '${unitize.mq.name-server:}' != ''")
@EnableConfigurationProperties(UnitizeMqProperties.class)
public class UnitizeMqAutoConfiguration {

    private static String unit(Environment env) {
        String unit = env.getProperty("unitize.unit");
        if (unit == null || unit.isBlank()) {
            throw new MqConfigException("unitize.unit is required with unitize.mq.enabled (or unitize.mq.name-server)");
        }
        return unit;
    }

    private static UnitDirectory.Local directoryOf(ObjectProvider<RulesSource> rules) {
        RulesSource source = rules.getIfAvailable();
        return source == null ? null : source.directoryIfApplied().orElse(null);
    }

    @Bean
    @ConditionalOnMissingBean
    LocalNameServer unitizeLocalNameServer(UnitizeMqProperties p, Environment env, ObjectProvider<RulesSource> rules) {
        String unit = unit(env);
        UnitDirectory.Local directory = directoryOf(rules);
        String fromDirectory = directory == null ? null : directory.endpoint(UnitEndpoints.ROCKETMQ).orElse(null);
        String address = DeprecatedUnitProperty.named("unitize.mq.name-server", "units[] rocketmq endpoint of unit " + unit)
                .resolve(p.getNameServer(), fromDirectory);
        if (address == null) {
            throw new MqConfigException("unit " + unit + " has no RocketMQ name server: give it a \"rocketmq\" endpoint "
                    + "(host:port) in units[] of the rules document (the process reads it through its rules, unitize.rules.*)");
        }
        return new LocalNameServer(address);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "unitize.mq.producer", name = "group")
    UnitProducer unitizeProducer(UnitizeMqProperties p, Environment env, LocalNameServer nameServer) {
        return UnitProducer.start(nameServer.address(), p.getProducer().getGroup(), unit(env));
    }

    @Bean
    @ConditionalOnMissingBean
    UnitConsumers unitizeConsumers(UnitizeMqProperties p, Environment env, LocalNameServer nameServer, ListableBeanFactory beans,
                                   ObjectProvider<RulesSource> rules) {
        return new UnitConsumers(p, unit(env), nameServer.address(), beans, rules);
    }

    /** Meters of the started groups and replicators (bound by Spring Boot's Micrometer support). */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {
        /** Binds once the groups are started (they start after every singleton exists). */
        @Bean
        static org.springframework.beans.factory.SmartInitializingSingleton unitizeMqMetrics(ObjectProvider<UnitConsumers> consumers,
                ObjectProvider<Replicators> replicators, ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry) {
            return () -> registry.ifAvailable(r -> {
                consumers.ifAvailable(c -> c.whenStarted(started -> new io.unitize.mq.micrometer.MqMetrics(started, List.of()).bindTo(r)));
                replicators.ifAvailable(rs -> new ReplicatorMeters(rs).bindTo(r));
            });
        }
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "unitize.mq.replicator", name = "enabled", havingValue = "true")
    Replicators unitizeReplicators(UnitizeMqProperties p, Environment env, LocalNameServer nameServer,
                                   ObjectProvider<RulesSource> rules) throws Exception {
        String unit = unit(env);
        if (p.getReplicator().getTopics().isEmpty()) {
            throw new MqConfigException("unitize.mq.replicator.topics: no topic to replicate");
        }
        RulesSource subscriber = rules.getIfAvailable();
        UnitDirectory.Local directory = directoryOf(rules);
        Map<String, String> peers = ReplicatorPeers.resolve(p.getReplicator().getPeers(), directory);
        if (peers.isEmpty()) {
            throw new MqConfigException("the replicator of unit " + unit + " has no peer to copy to: give every other unit a "
                    + "\"rocketmq\" endpoint (its name server) in units[] of the rules document");
        }
        Replicators replicators = new Replicators(unit, nameServer.address(), p.getReplicator().getTopics(), peers);
        if (subscriber != null && directory != null) {
            subscriber.addDirectoryListener(replicators::follow); // a peer's name server moved: reconnect to it
        }
        return replicators;
    }
}
