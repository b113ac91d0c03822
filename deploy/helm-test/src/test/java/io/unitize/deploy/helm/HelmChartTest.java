package io.unitize.deploy.helm;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * deploy/helm/unitize, linted and rendered by the real Helm for every values file of the chart,
 * every manifest parsed strictly by the fabric8 Kubernetes model.
 */
class HelmChartTest {

    private static final ChartRenderer HELM = new ChartRenderer();

    static Path values(String name) {
        return ChartRenderer.CHART.resolve(name);
    }

    static Path broken(String name) {
        return ChartRenderer.locate("deploy/helm-test/src/test/resources/broken").resolve(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"values-center.yaml", "values-unit-b.yaml", "values-unit-c.yaml"})
    void lintsCleanWithEachDatacentersValues(String file, @TempDir Path work) {
        LintResult lint = HELM.lint(work, values(file));
        assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"values-center.yaml", "values-unit-b.yaml", "values-unit-c.yaml"})
    void everyPodHasProbesAndResourcesEveryDeploymentAPdbAndNoConfigMapASecret(String file) {
        RenderedChart chart = HELM.template("unitize", values(file));

        assertThat(chart.deployments()).extracting(d -> d.getMetadata().getLabels().get("app.kubernetes.io/component"))
                .contains("gateway", "id-service", "cache-invalidator");
        assertThat(ManifestChecks.probesAndResources(chart.deployments())).isEmpty();
        assertThat(ManifestChecks.pdbForEveryDeployment(chart.deployments(), chart.pdbs())).isEmpty();
        assertThat(ManifestChecks.noSecretInConfigMaps(chart.configMaps())).isEmpty();
    }

    @Test
    void exactlyOneControlCenterAndOnlyInTheCenter() {
        List<Deployment> center = HELM.template("unitize", values("values-center.yaml")).component("control-center");
        assertThat(center).hasSize(1);
        assertThat(center.get(0).getSpec().getReplicas()).isEqualTo(1);
        assertThat(HELM.template("unitize", values("values-unit-b.yaml")).component("control-center")).isEmpty();
        assertThat(HELM.template("unitize", values("values-unit-c.yaml")).component("control-center")).isEmpty();
    }

    @Test
    void theUnitCodeComesFromTheValuesIntoEveryAgentsConfig() {
        RenderedChart chart = HELM.template("unitize", values("values-unit-b.yaml"));
        assertThat(chart.configMaps()).filteredOn(cm -> !cm.getMetadata().getName().endsWith("control-center"))
                .isNotEmpty()
                .allSatisfy(cm -> assertThat(cm.getData().get("application.yaml")).contains("unit: unit-b"));
        assertThat(chart.deployments()).allSatisfy(d -> assertThat(d.getMetadata().getLabels()).containsEntry("unitize.io/unit", "unit-b"));
    }

    @Test
    void nacosAddressAndCredentialsAreMountedFromTheSecretNeverWrittenIntoTheChart() {
        RenderedChart chart = HELM.template("unitize", values("values-unit-b.yaml"));
        Deployment gw = chart.component("gateway").get(0);
        var sources = gw.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getProjected() != null).flatMap(v -> v.getProjected().getSources().stream())
                .filter(s -> s.getSecret() != null).map(s -> s.getSecret()).toList();
        assertThat(sources).anySatisfy(s -> {
            assertThat(s.getName()).isEqualTo("unitize-nacos");
            assertThat(s.getItems()).anySatisfy(i -> assertThat(i.getPath()).isEqualTo("unitize.rules.server-addr"));
        });
        assertThat(chart.all(io.fabric8.kubernetes.api.model.Secret.class)).as("the chart creates no Secret").isEmpty();
    }

    @Test
    void theShopIsOffByDefaultAndRendersWhenItsExampleValuesAreLayered() {
        assertThat(HELM.template("unitize", values("values-unit-b.yaml")).component("shop")).isEmpty();
        RenderedChart withShop = HELM.template("unitize", values("values-unit-b.yaml"), values("values-shop-example.yaml"));
        assertThat(withShop.component("shop")).hasSize(1);
        assertThat(ManifestChecks.probesAndResources(withShop.deployments())).isEmpty();
        assertThat(ManifestChecks.pdbForEveryDeployment(withShop.deployments(), withShop.pdbs())).isEmpty();
    }

    @Test
    void theNetworkPolicySampleRendersOnePolicyPerComponent() {
        List<NetworkPolicy> policies = HELM.template("unitize", values("values-unit-c.yaml")).all(NetworkPolicy.class);
        assertThat(policies).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("unitize-gateway", "unitize-id-service", "unitize-cache-invalidator");
        assertThat(HELM.template("unitize", values("values-unit-b.yaml")).all(NetworkPolicy.class)).isEmpty();
    }

    // --- the checks catch what they are for: deliberately broken values files ---

    @Test
    void aControlCenterInAUnitIsRefusedByTheChart() {
        assertThatThrownBy(() -> HELM.template("unitize", values("values-unit-b.yaml"), broken("control-center-in-unit.yaml")))
                .hasMessageContaining("controlCenter.enabled is true in unit \"unit-b\" whose role is UNIT")
                .hasMessageContaining("runs only in the center");
    }

    @Test
    void aMissingUnitCodeOrNacosSecretIsRefusedByTheChart() {
        assertThatThrownBy(() -> HELM.template("unitize"))
                .hasMessageContaining("unit.code: Does not match pattern '^[a-z0-9-]{1,32}$'");
        assertThatThrownBy(() -> HELM.template("unitize", values("values-unit-b.yaml"), broken("no-nacos-secret.yaml")))
                .hasMessageContaining("nacos.existingSecret is required");
    }

    @Test
    void valuesThatBreakTheSchemaFailLintAndTemplate(@TempDir Path work) {
        // helm lint does not fail on the templates' `fail` (lint mode ignores it); the schema it does check
        LintResult lint = HELM.lint(work, values("values-unit-b.yaml"), broken("lowercase-role.yaml"));
        assertThat(lint.isFailed()).as("lint messages: %s", lint.getMessages()).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("unit.role").contains("gateway.replicas");
        assertThatThrownBy(() -> HELM.template("unitize", values("values-unit-b.yaml"), broken("lowercase-role.yaml")))
                .hasMessageContaining("unit.role");
    }

    @Test
    void aDeploymentWithoutResourcesIsCaught() {
        RenderedChart chart = HELM.template("unitize", values("values-unit-b.yaml"), broken("no-resources.yaml"));
        assertThat(ManifestChecks.probesAndResources(chart.deployments()))
                .contains("Deployment unitize-gateway container gateway: no cpu request",
                        "Deployment unitize-gateway container gateway: no memory limit");
    }

    @Test
    void aDeploymentWithoutPdbIsCaught() {
        RenderedChart chart = HELM.template("unitize", values("values-unit-b.yaml"), broken("no-pdb.yaml"));
        assertThat(ManifestChecks.pdbForEveryDeployment(chart.deployments(), chart.pdbs()))
                .containsExactly("Deployment unitize-id-service: no PodDisruptionBudget selects its pods");
    }

    @Test
    void aSecretPutIntoTheConfigIsCaught() {
        RenderedChart chart = HELM.template("unitize", values("values-unit-b.yaml"), broken("secret-in-config.yaml"));
        assertThat(ManifestChecks.noSecretInConfigMaps(chart.configMaps()))
                .containsExactly("ConfigMap unitize-gateway application.yaml: property unitize.gateway.jwt.secret looks like a secret");
    }

    @Test
    void aFieldTheKubernetesModelDoesNotKnowFailsTheParse() {
        assertThatThrownBy(() -> HELM.template("unitize", values("values-unit-b.yaml"), broken("unknown-resources-field.yaml")))
                .isInstanceOf(ChartRenderer.StrictParseException.class)
                .hasMessageContaining("Deployment unitize-gateway has fields the Kubernetes model does not know")
                .hasMessageContaining("resources.limitz");
    }

    @Test
    void aPodWithoutProbesIsCaught() throws Exception {
        String manifest = java.nio.file.Files.readString(
                ChartRenderer.locate("deploy/helm-test/src/test/resources/manifests").resolve("deployment-without-probes.yaml"));
        Deployment d = (Deployment) HELM.parseStrictly(manifest);
        assertThat(ManifestChecks.probesAndResources(List.of(d))).containsExactly(
                "Deployment bare container app: no HTTP liveness probe",
                "Deployment bare container app: no HTTP readiness probe",
                "Deployment bare container app: MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true not set (the probe paths would be 404)");
    }
}
