package io.unitize.mq.spring;

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
 * replicators from this unit to each peer. UNIT and CENTER groups read the shared rules subscriber.
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
            return () -> registry.ifAvailable(r -> consumers.ifAvailable(c -> c.whenStarted(started -> new io.unitize.mq.micrometer.MqMetrics(
                    started, replicators.getIfAvailable(() -> new Replicators(List.of())).all()).bindTo(r))));
        }
    }

    /** The replicators from this unit to each peer, closed with the context. */
    public static final class Replicators implements AutoCloseable {
        private final List<MessageReplicator> all;

        Replicators(List<MessageReplicator> all) {
            this.all = List.copyOf(all);
        }

        public List<MessageReplicator> all() {
            return all;
        }

        @Override
        public void close() {
            all.forEach(MessageReplicator::close);
        }
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "unitize.mq.replicator", name = "enabled", havingValue = "true")
    Replicators unitizeReplicators(UnitizeMqProperties p, Environment env) {
        String unit = unit(env);
        if (p.getReplicator().getPeers().isEmpty()) {
            throw new MqConfigException("unitize.mq.replicator.peers: no other unit to replicate to");
        }
        if (p.getReplicator().getTopics().isEmpty()) {
            throw new MqConfigException("unitize.mq.replicator.topics: no topic to replicate");
        }
        List<MessageReplicator> started = new ArrayList<>();
        try {
            for (Map.Entry<String, String> peer : p.getReplicator().getPeers().entrySet()) {
                MessageReplicator.Builder b = MessageReplicator.builder().from(unit, p.getNameServer()).to(peer.getKey(), peer.getValue());
                p.getReplicator().getTopics().forEach(b::topic);
                started.add(b.build().start());
            }
        } catch (RuntimeException e) {
            started.forEach(MessageReplicator::close);
            throw e;
        }
        return new Replicators(started);
    }
}
