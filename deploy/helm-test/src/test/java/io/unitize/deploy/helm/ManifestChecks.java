package io.unitize.deploy.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The essentials every rendering of the chart must meet, as a list of violations (empty = fine),
 * so that the tests can show both that the chart passes and that each check catches its break.
 */
final class ManifestChecks {

    /** Keys that name a secret: in a ConfigMap they mean a credential leaked out of a Secret. */
    static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|token|secret|access-?key|private-?key|credential).*");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ManifestChecks() {
    }

    /** Every container of every Deployment: liveness and readiness probes, requests and limits of cpu and memory. */
    static List<String> probesAndResources(List<Deployment> deployments) {
        List<String> v = new ArrayList<>();
        for (Deployment d : deployments) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                String who = "Deployment " + d.getMetadata().getName() + " container " + c.getName();
                if (c.getLivenessProbe() == null || c.getLivenessProbe().getHttpGet() == null) {
                    v.add(who + ": no HTTP liveness probe");
                } else if (!"/actuator/health/liveness".equals(c.getLivenessProbe().getHttpGet().getPath())) {
                    v.add(who + ": liveness probe is not /actuator/health/liveness but " + c.getLivenessProbe().getHttpGet().getPath());
                }
                if (c.getReadinessProbe() == null || c.getReadinessProbe().getHttpGet() == null) {
                    v.add(who + ": no HTTP readiness probe");
                } else if (!"/actuator/health/readiness".equals(c.getReadinessProbe().getHttpGet().getPath())) {
                    v.add(who + ": readiness probe is not /actuator/health/readiness but " + c.getReadinessProbe().getHttpGet().getPath());
                }
                boolean probesOn = c.getEnv() != null && c.getEnv().stream()
                        .anyMatch(e -> "MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED".equals(e.getName()) && "true".equals(e.getValue()));
                if (!probesOn) {
                    v.add(who + ": MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED=true not set (the probe paths would be 404)");
                }
                ResourceRequirements r = c.getResources();
                for (String kind : List.of("cpu", "memory")) {
                    if (r == null || r.getRequests() == null || !r.getRequests().containsKey(kind)) {
                        v.add(who + ": no " + kind + " request");
                    }
                    if (r == null || r.getLimits() == null || !r.getLimits().containsKey(kind)) {
                        v.add(who + ": no " + kind + " limit");
                    }
                }
            }
        }
        return v;
    }

    /** No ConfigMap carries a key that looks like a secret, neither as a data key nor inside a YAML/properties file. */
    static List<String> noSecretInConfigMaps(List<ConfigMap> configMaps) {
        List<String> v = new ArrayList<>();
        for (ConfigMap cm : configMaps) {
            Map<String, String> data = cm.getData() == null ? Map.of() : cm.getData();
            data.forEach((key, value) -> {
                String where = "ConfigMap " + cm.getMetadata().getName() + " " + key;
                if (SECRET_KEY.matcher(key).matches()) {
                    v.add(where + ": the key looks like a secret");
                }
                if (key.endsWith(".yaml") || key.endsWith(".yml")) {
                    try {
                        secretKeys(YAML.readTree(value), "", where, v);
                    } catch (IOException e) {
                        v.add(where + ": not YAML (" + e.getMessage() + ")");
                    }
                } else if (key.endsWith(".properties")) {
                    value.lines().map(l -> l.split("[=:]", 2)[0].trim())
                            .filter(k -> SECRET_KEY.matcher(k).matches()).forEach(k -> v.add(where + ": property " + k + " looks like a secret"));
                }
            });
        }
        return v;
    }

    private static void secretKeys(com.fasterxml.jackson.databind.JsonNode n, String path, String where, List<String> v) {
        if (n == null) {
            return;
        }
        if (n.isObject()) {
            n.properties().forEach(e -> {
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (SECRET_KEY.matcher(e.getKey()).matches()) {
                    v.add(where + ": property " + p + " looks like a secret");
                }
                secretKeys(e.getValue(), p, where, v);
            });
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                secretKeys(n.get(i), path + "[" + i + "]", where, v);
            }
        }
    }

    /** Every Deployment is covered by a PodDisruptionBudget whose selector matches its pod labels. */
    static List<String> pdbForEveryDeployment(List<Deployment> deployments, List<PodDisruptionBudget> pdbs) {
        List<String> v = new ArrayList<>();
        for (Deployment d : deployments) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            boolean covered = pdbs.stream().map(p -> p.getSpec().getSelector().getMatchLabels()).filter(Objects::nonNull)
                    .anyMatch(sel -> labels.entrySet().containsAll(sel.entrySet()));
            if (!covered) {
                v.add("Deployment " + d.getMetadata().getName() + ": no PodDisruptionBudget selects its pods");
            }
        }
        return v;
    }
}
