package io.unitize.deploy.helm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs the real Helm (helm-java: Helm compiled into a native library) on deploy/helm/unitize and
 * parses what it renders with the fabric8 Kubernetes model, strictly: a field the model does not
 * know (a typo, a wrong indentation, a value of the wrong type) fails the parse instead of landing
 * silently in {@code additionalProperties}.
 */
final class ChartRenderer {

    static final Path CHART = locate("deploy/helm/unitize");
    private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private final KubernetesSerialization serialization = new KubernetesSerialization();

    static Path locate(String relative) {
        return Repo.dir(relative);
    }

    /**
     * {@code helm lint} of the chart with these values. helm-java's lint takes no values file, so
     * the chart is copied to {@code workDir} with its values.yaml deep-merged with the files.
     */
    LintResult lint(Path workDir, Path... valuesFiles) {
        Path copy = workDir.resolve("unitize");
        copyTree(CHART, copy);
        Map<String, Object> values = readYaml(CHART.resolve("values.yaml"));
        for (Path f : valuesFiles) {
            deepMerge(values, readYaml(f));
        }
        try {
            YAML.writeValue(copy.resolve("values.yaml").toFile(), values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Helm(copy).lint().strict().call();
    }

    /** {@code helm template} with these values files (later ones win), parsed strictly. */
    RenderedChart template(String release, Path... valuesFiles) {
        var cmd = new Helm(CHART).template().withName(release).withNamespace("unitize");
        for (Path f : valuesFiles) {
            cmd = cmd.withValuesFile(f);
        }
        String yaml = cmd.call();
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : DOCUMENT_SEPARATOR.split(yaml)) {
            String body = doc.lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
            if (!body.isBlank()) {
                objects.add(parseStrictly(body));
            }
        }
        return new RenderedChart(yaml, objects);
    }

    HasMetadata parseStrictly(String manifest) {
        KubernetesResource parsed = serialization.unmarshal(manifest, KubernetesResource.class);
        if (parsed instanceof GenericKubernetesResource g) {
            throw new StrictParseException(g.getApiVersion() + "/" + g.getKind() + " " + g.getMetadata().getName()
                    + " is not a kind the Kubernetes model knows");
        }
        if (!(parsed instanceof HasMetadata object)) {
            throw new StrictParseException("not a Kubernetes object: " + parsed.getClass().getName());
        }
        List<String> unknown = UnknownFields.of(object);
        if (!unknown.isEmpty()) {
            throw new StrictParseException(object.getKind() + " " + object.getMetadata().getName()
                    + " has fields the Kubernetes model does not know: " + unknown);
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readYaml(Path file) {
        try {
            Map<String, Object> m = YAML.readValue(file.toFile(), LinkedHashMap.class);
            return m == null ? new LinkedHashMap<>() : m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void deepMerge(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((k, v) -> {
            if (v instanceof Map<?, ?> vm && into.get(k) instanceof Map<?, ?> im) {
                deepMerge((Map<String, Object>) im, (Map<String, Object>) vm);
            } else {
                into.put(k, v);
            }
        });
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rendered manifest the Kubernetes model refuses. */
    static final class StrictParseException extends RuntimeException {
        StrictParseException(String message) {
            super(message);
        }
    }
}
