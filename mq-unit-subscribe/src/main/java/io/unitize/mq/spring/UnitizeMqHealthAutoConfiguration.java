package io.unitize.mq.spring;

import io.unitize.mq.health.ReplicationHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.time.Duration;

/**
 * Health {@code unitizeReplication} of the started replicators ({@link ReplicationHealthIndicator}):
 * DOWN when a replicator's last lag is over 60 s.
 */
@AutoConfiguration(after = UnitizeMqAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnBean(Replicators.class)
public class UnitizeMqHealthAutoConfiguration {

    /** A replication lag above this makes the health DOWN. */
    static final Duration MAX_LAG = Duration.ofSeconds(60);

    @Bean
    @ConditionalOnMissingBean(name = "unitizeReplicationHealthIndicator")
    ReplicationHealthIndicator unitizeReplicationHealthIndicator(Replicators replicators) {
        return new ReplicationHealthIndicator(replicators::all, MAX_LAG);
    }
}
