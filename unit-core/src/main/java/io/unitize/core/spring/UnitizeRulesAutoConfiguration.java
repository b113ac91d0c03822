package io.unitize.core.spring;

import io.unitize.core.nacos.RulesSubscriber;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The one {@link RulesSubscriber} of the application when {@code unitize.unit} is set; every
 * Unitize agent of the process (RPC router, gateway filter, DB guard, MQ consumer) reads its
 * snapshot. Declare your own {@code RulesSubscriber} bean to replace it.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "unitize", name = "unit")
@EnableConfigurationProperties(UnitizeRulesProperties.class)
public class UnitizeRulesAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    RulesSubscriber unitizeRulesSubscriber(UnitizeRulesProperties p) {
        UnitizeRulesProperties.Rules r = p.getRules();
        RulesSubscriber subscriber;
        try {
            subscriber = RulesSubscriber.builder().serverAddr(r.getServerAddr()).namespace(r.getNamespace())
                    .credentials(r.credentials()).unit(p.getUnit())
                    .agentKind(r.getAgentKind()).dataId(r.getDataId()).group(r.getGroup()).snapshotFile(r.getSnapshotFile())
                    .initialTimeout(r.getInitialTimeout()).reportIp(r.getReportIp()).build();
        } catch (IllegalArgumentException bad) {
            throw new RulesConfigException(bad);
        }
        return subscriber.start();
    }
}
