package io.unitize.mq.spring;

import io.unitize.core.RulesUnavailableException;
import io.unitize.core.UnitDirectory;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import io.unitize.mq.MqConfigException;
import io.unitize.mq.rocketmq.MessageReplicator;
import io.unitize.mq.rocketmq.UnitProducer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RocketMQ with units, from {@code unitize.mq.*} (needs {@code unitize.unit} and
 * {@code unitize.mq.name-server}): a {@link UnitProducer} when {@code producer.group} is set, every
 * declared consumer group ({@link UnitConsumers}), and with {@code replicator.enabled} the
 * replicators from this unit to each peer, whose name servers come from the unit directory (the
 * {@code rocketmq} endpoints of {@code units[]}) and are followed when a rules version moves one.
 * UNIT and CENTER groups read the shared rules subscriber.
 */
@AutoConfiguration(after = UnitizeRulesAutoConfiguration.class)
@ConditionalOnClass(name = "org.apache.rocketmq.client.consumer.DefaultMQPushConsumer")
@ConditionalOnProperty(prefix = "unitize.mq", name = "name-server")
@EnableConfigurationProperties(UnitizeMqProperties.class)
public class UnitizeMqAutoConfiguration {

    private static String unit(Environment env) {
        String unit = env.getProperty("unitize.unit");
        if (unit == null || unit.isBlank()) {
            throw new MqConfigException("unitize.unit is required with unitize.mq.name-server");
        }
        return unit;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "unitize.mq.producer", name = "group")
    UnitProducer unitizeProducer(UnitizeMqProperties p, Environment env) {
        return UnitProducer.start(p.getNameServer(), p.getProducer().getGroup(), unit(env));
    }

    @Bean
    @ConditionalOnMissingBean
    UnitConsumers unitizeConsumers(UnitizeMqProperties p, Environment env, ListableBeanFactory beans, ObjectProvider<RulesSubscriber> rules) {
        return new UnitConsumers(p, unit(env), beans, rules);
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
    Replicators unitizeReplicators(UnitizeMqProperties p, Environment env, ObjectProvider<RulesSubscriber> rules) throws Exception {
        String unit = unit(env);
        if (p.getReplicator().getTopics().isEmpty()) {
            throw new MqConfigException("unitize.mq.replicator.topics: no topic to replicate");
        }
        RulesSubscriber subscriber = rules.getIfAvailable();
        UnitDirectory.Local directory = null;
        if (subscriber != null) {
            try {
                directory = subscriber.directory();
            } catch (RulesUnavailableException e) {
                directory = null;
            }
        }
        ReplicatorPeers.requireOwnNameServerAgrees(p.getNameServer(), directory);
        Map<String, String> peers = ReplicatorPeers.resolve(p.getReplicator().getPeers(), directory);
        if (peers.isEmpty()) {
            throw new MqConfigException("the replicator of unit " + unit + " has no peer to copy to: give every other unit a "
                    + "\"rocketmq\" endpoint (its name server) in units[] of the rules document");
        }
        Replicators replicators = new Replicators(unit, p.getNameServer(), p.getReplicator().getTopics(), peers);
        if (subscriber != null && directory != null) {
            subscriber.addDirectoryListener(replicators::follow); // a peer's name server moved: reconnect to it
        }
        return replicators;
    }
}
