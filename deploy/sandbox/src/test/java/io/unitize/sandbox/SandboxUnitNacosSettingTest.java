package io.unitize.sandbox;

import io.unitize.sandbox.internal.NacosNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link SandboxUnit#nacosSetting} reads the settings file a Nacos server writes into its home at its start. */
class SandboxUnitNacosSettingTest {

    private static final String PUSH_DELAY = "nacos.naming.push.pushTaskDelay";

    @TempDir
    Path home;

    private SandboxUnit unitWithNacosIn(Path nacosHome) {
        SandboxUnit unit = new SandboxUnit("center", true, 0);
        unit.put(ServerKind.NACOS, new NacosNode("center", nacosHome));
        return unit;
    }

    @Test
    void readsTheValueTheServerWrote() throws Exception {
        Properties p = new Properties();
        p.setProperty(PUSH_DELAY, "500");
        p.setProperty("nacos.naming.push.pushTaskRetryDelay", "1000");
        try (Writer w = Files.newBufferedWriter(home.resolve("unitize-effective-settings.properties"), StandardCharsets.UTF_8)) {
            p.store(w, "as the server writes it");
        }
        SandboxUnit unit = unitWithNacosIn(home);

        assertThat(unit.nacosSetting(PUSH_DELAY)).contains("500");
        assertThat(unit.nacosSetting("nacos.naming.push.pushTaskRetryDelay")).contains("1000");
        assertThat(unit.nacosSetting("nacos.not.reported")).isEmpty();
    }

    @Test
    void readsTheFileAnewSoARestartedServersValueShows() throws Exception {
        Path file = home.resolve("unitize-effective-settings.properties");
        Files.writeString(file, PUSH_DELAY + "=50\n");
        SandboxUnit unit = unitWithNacosIn(home);
        assertThat(unit.nacosSetting(PUSH_DELAY)).contains("50");

        Files.writeString(file, PUSH_DELAY + "=500\n");
        assertThat(unit.nacosSetting(PUSH_DELAY)).contains("500");
    }

    @Test
    void aMissingFileIsATypedErrorNamingServerFileAndNextStep() {
        SandboxUnit unit = unitWithNacosIn(home);

        assertThatThrownBy(() -> unit.nacosSetting(PUSH_DELAY))
                .isInstanceOf(ServerSettingsException.class)
                .hasMessageContaining("UNITIZE-SANDBOX-070")
                .hasMessageContaining("nacos[center]")
                .hasMessageContaining(home.resolve("unitize-effective-settings.properties").toString())
                .hasMessageContaining("rebuild");
    }

    @Test
    void aUnitWithoutNacosSaysSo() {
        SandboxUnit unit = new SandboxUnit("unit-b", false, 1);

        assertThatThrownBy(() -> unit.nacosSetting(PUSH_DELAY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UNITIZE-SANDBOX-010").hasMessageContaining("NACOS");
    }
}
