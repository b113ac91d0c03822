package io.unitize.sandbox.internal;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NacosNodeJvmOptionsTest {

    private static final Path HOME = Path.of("target", "nacos-options-test");

    @Test
    void aGivenPushDelayGoesOnTheServersCommandLine() {
        List<String> jvm = NacosNode.jvmOptions(HOME, 18848, false, 500L);
        assertThat(jvm).contains("-Dnacos.naming.push.pushTaskDelay=500", "-Dnacos.server.main.port=18848");
        assertThat(jvm.stream().filter(o -> o.startsWith("-Dnacos.naming.push.pushTaskDelay="))).hasSize(1);
    }

    @Test
    void withoutOneTheServerKeepsTheModulesSetting() {
        assertThat(NacosNode.jvmOptions(HOME, 18848, false, null)).noneMatch(o -> o.contains("pushTaskDelay"));
        assertThat(NacosNode.jvmOptions(HOME, 18848, true, null)).contains("-Dnacos.core.auth.enabled=true")
                .noneMatch(o -> o.contains("pushTaskDelay"));
    }

    @Test
    void aZeroDelayIsPassedAndANegativeOneRefused() {
        assertThat(NacosNode.jvmOptions(HOME, 18848, true, 0L)).contains("-Dnacos.naming.push.pushTaskDelay=0");
        assertThatThrownBy(() -> new NacosNode("center", HOME, false, -1L)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UNITIZE-SANDBOX-023").hasMessageContaining("-1");
    }
}
