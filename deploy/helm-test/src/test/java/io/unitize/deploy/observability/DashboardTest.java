package io.unitize.deploy.observability;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.unitize.deploy.helm.Repo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** deploy/observability: the Grafana dashboard and the alert rules read only documented meters. */
class DashboardTest {

    static final Path DIR = Repo.dir("deploy/observability");
    /** Strict: one JSON value, no duplicate key. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY).build();
    private final MeterCatalog catalog = MeterCatalog.read(DIR.resolve("README.md"));

    static JsonNode dashboard() throws IOException {
        return JSON.readTree(DIR.resolve("unitize-dashboard.json").toFile());
    }

    /** Every panel except rows, also those nested in collapsed rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            if ("row".equals(p.path("type").asText())) {
                p.path("panels").forEach(all::add);
            } else {
                all.add(p);
            }
        }
        return all;
    }

    @Test
    void everyPanelHasADataSourceAndQueries() throws IOException {
        JsonNode d = dashboard();
        assertThat(d.path("uid").asText()).isEqualTo("unitize-overview");
        List<JsonNode> panels = panels(d);
        assertThat(panels).hasSizeGreaterThanOrEqualTo(10);
        assertThat(panels).allSatisfy(p -> {
            String title = p.path("title").asText();
            assertThat(p.path("datasource").path("type").asText()).as("data source of panel %s", title).isEqualTo("prometheus");
            assertThat(p.path("targets").isArray() && !p.path("targets").isEmpty()).as("queries of panel %s", title).isTrue();
            p.path("targets").forEach(t -> assertThat(t.path("expr").asText()).as("a query of panel %s", title).contains("unitize_"));
        });
        assertThat(panels).extracting(p -> p.path("id").asInt()).doesNotHaveDuplicates();
    }

    @Test
    void theDashboardShowsWhatTheIssueAsksFor() throws IOException {
        String exprs = String.join("\n", exprs(dashboard()));
        assertThat(exprs).contains("unitize_cutover_freeze_window_seconds", "unitize_rules_applied_version",
                "unitize_gateway_refusals_total", "unitize_replication_lag_seconds_bucket",
                "unitize_cache_invalidation_lag_seconds_bucket", "unitize_mq_replication_lag_seconds_bucket",
                "unitize_gateway_decisions_total{outcome=\"forward\"}");
    }

    @Test
    void lagsAreReadFromHistogramsNotFromPercentileGauges() throws IOException {
        List<String> exprs = new ArrayList<>(exprs(dashboard()));
        exprs.addAll(alertExprs());
        assertThat(exprs).as("client-side percentiles cannot be aggregated across pods")
                .noneMatch(e -> e.contains("quantile=") || e.contains("stat=\"p") || e.contains("_lag_milliseconds"));
        assertThat(exprs.stream().filter(e -> e.contains("_lag_seconds_bucket")).count()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void everyMeterTheDashboardOrTheAlertsReadIsDocumented() throws IOException {
        Set<String> undocumented = new TreeSet<>();
        List<String> exprs = new ArrayList<>(exprs(dashboard()));
        exprs.addAll(alertExprs());
        for (String e : exprs) {
            MeterCatalog.metersIn(e).stream().filter(m -> !catalog.documents(m)).forEach(undocumented::add);
        }
        assertThat(undocumented).as("meters read by the dashboard or the alerts but not in deploy/observability/README.md").isEmpty();
    }

    @Test
    void theCatalogCatchesAnUndocumentedMeter() {
        assertThat(catalog.documents("unitize_cutover_step_seconds_count")).isTrue();
        assertThat(catalog.documents("unitize_replication_lag_seconds_bucket")).isTrue();
        assertThat(catalog.documents("unitize_cutover_stepz_seconds_count")).isFalse();
        assertThat(MeterCatalog.metersIn("sum(rate(unitize_made_up_total[1m])) / sum(rate(unitize_gateway_decisions_total[1m]))"))
                .containsExactly("unitize_gateway_decisions_total", "unitize_made_up_total");
    }

    @Test
    void everyMeterDocumentedAsExposedTodayIsRegisteredInAModulesCode() throws IOException {
        String code = mainSources();
        assertThat(catalog.today()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(catalog.today().values()).allSatisfy(micrometerName ->
                assertThat(code).as("a module registers meter %s", micrometerName).contains("\"" + micrometerName + "\""));
    }

    static List<String> exprs(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        panels(dashboard).forEach(p -> p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        dashboard.path("annotations").path("list").forEach(a -> {
            if (a.has("expr")) {
                exprs.add(a.path("expr").asText());
            }
        });
        return exprs;
    }

    static List<String> alertExprs() throws IOException {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(DIR.resolve("unitize-alerts.yml").toFile());
        List<String> exprs = new ArrayList<>();
        rules.path("groups").forEach(g -> g.path("rules").forEach(r -> exprs.add(r.path("expr").asText())));
        assertThat(exprs).isNotEmpty().doesNotContain("");
        return exprs;
    }

    /** The Java main sources of every module of the repository, concatenated. */
    private static String mainSources() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(Repo.root())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/java/")
                    && !p.toString().contains("/target/")).toList()) {
                all.append(Files.readString(f)).append('\n');
            }
        }
        return all.toString();
    }
}
