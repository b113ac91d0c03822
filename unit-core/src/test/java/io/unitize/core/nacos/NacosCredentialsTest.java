package io.unitize.core.nacos;

import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NacosCredentialsTest {

    @Test
    void userAndAccessKeyBecomeTheNacosClientsProperties() {
        Properties p = RulesChannel.clientProperties("127.0.0.1:8848", null,
                NacosCredentials.of("agent", " s3cret ", "AK1", "SK1"));

        assertThat(p).containsEntry("serverAddr", "127.0.0.1:8848").containsEntry("username", "agent")
                .containsEntry("password", " s3cret ").containsEntry("accessKey", "AK1").containsEntry("secretKey", "SK1");
    }

    @Test
    void noCredentialsAddNothing() {
        Properties p = RulesChannel.clientProperties("127.0.0.1:8848", null, NacosCredentials.of(null, "", " ", null));

        assertThat(p).doesNotContainKeys("username", "password", "accessKey", "secretKey");
        assertThat(NacosCredentials.of(null, null, null, null)).isSameAs(NacosCredentials.NONE);
    }

    @Test
    void halfAPairIsRefusedNamingWhatIsMissing() {
        assertThatThrownBy(() -> NacosCredentials.user("agent", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("UNITIZE-RULE-050 Nacos credentials: username 'agent' is set but no password; set both (or neither, for"
                        + " a Nacos without authentication)");
        assertThatThrownBy(() -> NacosCredentials.of(null, "pw", null, null)).hasMessageContaining("a password is set but no username");
        assertThatThrownBy(() -> NacosCredentials.of(null, null, "AK1", null))
                .hasMessageContaining("access key 'AK1' is set but no secret key");
        assertThatThrownBy(() -> NacosCredentials.of(null, null, null, "SK1")).hasMessageContaining("a secret key is set but no access key");
    }

    @Test
    void toStringNamesWhoButNeverASecret() {
        NacosCredentials c = NacosCredentials.of("agent", "s3cret", "AK1", "SK1");

        assertThat(c).hasToString("user 'agent' and access key 'AK1'");
        assertThat(c.toString()).doesNotContain("s3cret").doesNotContain("SK1");
        assertThat(NacosCredentials.NONE).hasToString("no credentials");
    }
}
