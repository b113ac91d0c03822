package io.unitize.core.spring;

import io.unitize.core.nacos.NacosCredentials;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code unitize.rules.*} falling back to Spring Cloud Alibaba's {@code spring.cloud.nacos.*}: Nacos configured once. */
class SpringCloudNacosFallbackTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(UnitizeRulesProperties.class)
    static class RulesPropertiesOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withInitializer(ctx -> new SpringCloudNacosFallback().postProcessEnvironment(ctx.getEnvironment(), new SpringApplication()))
            .withUserConfiguration(RulesPropertiesOnly.class);

    @Test
    void theDiscoveryNacosBecomesTheRulesNacosWithItsNamespaceAndCredentials() {
        runner.withPropertyValues("spring.cloud.nacos.discovery.server-addr=127.0.0.1:18848", "spring.cloud.nacos.discovery.namespace=unit-b-ns",
                "spring.cloud.nacos.discovery.username=shop", "spring.cloud.nacos.discovery.password=s3cret").run(ctx -> {
            UnitizeRulesProperties.Rules r = ctx.getBean(UnitizeRulesProperties.class).getRules();
            assertThat(r.getServerAddr()).isEqualTo("127.0.0.1:18848");
            assertThat(r.getNamespace()).isEqualTo("unit-b-ns");
            assertThat(r.credentials()).isEqualTo(NacosCredentials.of("shop", "s3cret", null, null));
            // starters that read the Environment (cache-invalidator's Redis directory) see the same values
            assertThat(ctx.getEnvironment().getProperty("unitize.rules.server-addr")).isEqualTo("127.0.0.1:18848");
            assertThat(ctx.getEnvironment().getProperty("unitize.rules.password")).isEqualTo("s3cret");
        });
    }

    @Test
    void theConfigNacosServesWhenNoDiscoveryNacosIsSetAndSharedPropertiesFillTheGaps() {
        runner.withPropertyValues("spring.cloud.nacos.config.server-addr=127.0.0.1:28848", "spring.cloud.nacos.username=shared-user",
                "spring.cloud.nacos.password=shared-pass", "spring.cloud.nacos.config.access-key=AK", "spring.cloud.nacos.config.secret-key=SK",
                "spring.cloud.nacos.namespace=shared-ns").run(ctx -> {
            UnitizeRulesProperties.Rules r = ctx.getBean(UnitizeRulesProperties.class).getRules();
            assertThat(r.getServerAddr()).isEqualTo("127.0.0.1:28848");
            assertThat(r.getNamespace()).isEqualTo("shared-ns");
            assertThat(r.credentials()).isEqualTo(NacosCredentials.of("shared-user", "shared-pass", "AK", "SK"));
        });
    }

    @Test
    void aUserAndPasswordAreNeverMixedFromTwoPrefixes() {
        runner.withPropertyValues("spring.cloud.nacos.discovery.server-addr=127.0.0.1:18848", "spring.cloud.nacos.discovery.username=disc-user",
                "spring.cloud.nacos.password=shared-pass").run(ctx -> {
            // discovery names the user, so the password is discovery's too: it has none, and that is refused as half-set
            assertThat(ctx.getEnvironment().getProperty("unitize.rules.password")).isNull();
            assertThat(ctx.getEnvironment().getProperty("unitize.rules.username")).isEqualTo("disc-user");
        });
    }

    @Test
    void unitizeRulesWinsAndAnOwnUnitizeNacosBorrowsNothing() {
        runner.withPropertyValues("spring.cloud.nacos.discovery.server-addr=127.0.0.1:18848", "spring.cloud.nacos.discovery.username=shop",
                "spring.cloud.nacos.discovery.password=s3cret", "spring.cloud.nacos.discovery.namespace=app-ns",
                "unitize.rules.server-addr=127.0.0.1:9848").run(ctx -> {
            UnitizeRulesProperties.Rules r = ctx.getBean(UnitizeRulesProperties.class).getRules();
            assertThat(r.getServerAddr()).isEqualTo("127.0.0.1:9848");
            assertThat(r.getNamespace()).isNull();
            assertThat(r.credentials()).isSameAs(NacosCredentials.NONE);
        });
        runner.withPropertyValues("spring.cloud.nacos.discovery.server-addr=127.0.0.1:18848", "spring.cloud.nacos.discovery.namespace=app-ns",
                "unitize.rules.namespace=rules-ns").run(ctx -> {
            UnitizeRulesProperties.Rules r = ctx.getBean(UnitizeRulesProperties.class).getRules();
            assertThat(r.getServerAddr()).isEqualTo("127.0.0.1:18848");
            assertThat(r.getNamespace()).isEqualTo("rules-ns");
        });
    }

    @Test
    void withoutSpringCloudNacosTheDefaultsStay() {
        runner.run(ctx -> {
            UnitizeRulesProperties.Rules r = ctx.getBean(UnitizeRulesProperties.class).getRules();
            assertThat(r.getServerAddr()).isEqualTo("127.0.0.1:8848");
            assertThat(r.getNamespace()).isNull();
            assertThat(r.credentials()).isSameAs(NacosCredentials.NONE);
        });
    }

    @Test
    void relaxedNamesAndPlaceholdersAreRead() {
        runner.withPropertyValues("nacos.host=127.0.0.1", "spring.cloud.nacos.discovery.serverAddr=${nacos.host}:38848").run(ctx ->
                assertThat(ctx.getBean(UnitizeRulesProperties.class).getRules().getServerAddr()).isEqualTo("127.0.0.1:38848"));
    }

    @Test
    void everySpringBootApplicationGetsTheFallback() {
        SpringApplication app = new SpringApplication(RulesPropertiesOnly.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        try (ConfigurableApplicationContext ctx = app.run("--spring.cloud.nacos.discovery.server-addr=127.0.0.1:48848", "--spring.main.banner-mode=off")) {
            assertThat(ctx.getEnvironment().getPropertySources().contains(SpringCloudNacosFallback.SOURCE_NAME)).isTrue();
            assertThat(ctx.getBean(UnitizeRulesProperties.class).getRules().getServerAddr()).isEqualTo("127.0.0.1:48848");
        }
    }
}
