package io.unitize.core.spring;

import io.unitize.core.nacos.NacosCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UnitizeRulesPropertiesTest {

    private static UnitizeRulesProperties bind(Map<String, String> props) {
        return new Binder(new MapConfigurationPropertySource(props)).bind("unitize", UnitizeRulesProperties.class).get();
    }

    @Test
    void nacosCredentialsAreBoundFromUnitizeRules() {
        UnitizeRulesProperties p = bind(Map.of("unitize.unit", "unit-b", "unitize.rules.username", "agent",
                "unitize.rules.password", "s3cret", "unitize.rules.access-key", "AK1", "unitize.rules.secret-key", "SK1"));

        assertThat(p.getRules().credentials()).isEqualTo(NacosCredentials.of("agent", "s3cret", "AK1", "SK1"));
    }

    @Test
    void noneSetMeansNoCredentialsAndAUserWithoutPasswordIsRefused() {
        assertThat(bind(Map.of("unitize.unit", "unit-b")).getRules().credentials()).isSameAs(NacosCredentials.NONE);
        UnitizeRulesProperties half = bind(Map.of("unitize.unit", "unit-b", "unitize.rules.username", "agent"));
        assertThatThrownBy(() -> half.getRules().credentials()).hasMessageContaining("username 'agent' is set but no password");
    }
}
