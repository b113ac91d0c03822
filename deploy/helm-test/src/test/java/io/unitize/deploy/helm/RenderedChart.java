package io.unitize.deploy.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.util.List;

/** The manifests one {@code helm template} produced, each parsed strictly into its model class. */
record RenderedChart(String yaml, List<HasMetadata> objects) {

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<Deployment> deployments() {
        return all(Deployment.class);
    }

    List<ConfigMap> configMaps() {
        return all(ConfigMap.class);
    }

    List<PodDisruptionBudget> pdbs() {
        return all(PodDisruptionBudget.class);
    }

    /** Deployments of one component (label app.kubernetes.io/component). */
    List<Deployment> component(String name) {
        return deployments().stream()
                .filter(d -> name.equals(d.getMetadata().getLabels().get("app.kubernetes.io/component"))).toList();
    }
}
