package io.unitize.rpc.spring;

import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code unitize.unit} + {@code unitize.rules.*} wire the rules subscriber and the Dubbo routing context (sandbox Nacos). */
@SandboxServers(ServerKind.NACOS)
class UnitizeRpcAutoConfigurationIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(io.unitize.core.spring.UnitizeRulesAutoConfiguration.class, UnitizeRpcAutoConfiguration.class));

    @Test
    void theUnitAndItsRulesAreWiredForDubbo(UnitSandbox sandbox) {
        String channel = "rpc-spring-" + Long.toHexString(System.nanoTime() & 0xffffff);
        SandboxUnit b = sandbox.unit("unit-b");
        try (RulesPublisher publisher = RulesPublisher.builder().dataId(channel + ".json").group(channel).unit("unit-b", b.nacosAddr()).build()) {
            publisher.publish(UnitRules.builder().version(4).updatedAt(Instant.now()).author("it").reason("starter")
                    .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of()))
                    .unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
                    .route(0, 4999, "center").route(5000, 9999, "unit-b").build());
            runner.withPropertyValues("unitize.unit=unit-b", "unitize.rules.server-addr=" + b.nacosAddr(),
                            "unitize.rules.data-id=" + channel + ".json", "unitize.rules.group=" + channel)
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        RulesSubscriber rules = context.getBean(RulesSubscriber.class);
                        assertThat(rules.appliedVersion()).isEqualTo(4);
                        assertThat(rules.unit()).isEqualTo("unit-b");
                        assertThat(context.getBean(UnitizeRpcAutoConfiguration.UnitizeDubboInstallation.class).context().unit())
                                .isEqualTo("unit-b");
                    });
        }
    }

    @Test
    void rpcRoutingCanBeTurnedOffWhileTheRulesStay(UnitSandbox sandbox) {
        runner.withPropertyValues("unitize.unit=unit-b", "unitize.rules.server-addr=" + sandbox.unit("unit-b").nacosAddr(),
                        "unitize.rules.initial-timeout=1s", "unitize.rpc.enabled=false")
                .run(context -> {
                    assertThat(context).hasSingleBean(RulesSubscriber.class);
                    assertThat(context).doesNotHaveBean(UnitizeRpcAutoConfiguration.UnitizeDubboInstallation.class);
                });
    }

    @Test
    void withoutAUnitNothingIsWired() {
        runner.run(context -> {
            assertThat(context).doesNotHaveBean(RulesSubscriber.class);
            assertThat(context).doesNotHaveBean(UnitizeRpcAutoConfiguration.UnitizeDubboInstallation.class);
        });
    }
}
