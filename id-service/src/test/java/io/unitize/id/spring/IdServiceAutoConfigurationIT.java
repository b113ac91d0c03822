package io.unitize.id.spring;

import io.unitize.id.IdHttpServer;
import io.unitize.id.IdService;
import io.unitize.id.SegmentIdGenerator;
import io.unitize.id.UnitDatabase;
import io.unitize.id.UnknownTagException;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code unitize.id.*} wires the ID service on the application's data source (the sandbox's MariaDB of unit-b). */
@SandboxServers(ServerKind.MARIADB)
class IdServiceAutoConfigurationIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(IdServiceAutoConfiguration.class));

    @Test
    void servesTheConfiguredTagsInProcessAndOverHttp(UnitSandbox sandbox) throws Exception {
        DataSource dataSource = UnitDatabase.dataSource(sandbox.unit("unit-b"), "it_ids_spring");
        runner.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("unitize.id.unit=unit-b", "unitize.id.unit-index=2", "unitize.id.tags=order,payment",
                        "unitize.id.http.enabled=true", "unitize.id.http.port=0")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    IdService ids = context.getBean(IdService.class);
                    for (String tag : new String[]{"order", "payment"}) { // each tag has its own sequence
                        Set<Long> seen = new HashSet<>();
                        for (long id : ids.nextIds(tag, 5_000)) {
                            assertThat(SegmentIdGenerator.unitOf(id, 4)).isEqualTo(2);
                            seen.add(id);
                        }
                        assertThat(seen).as("IDs of " + tag).hasSize(5_000);
                    }
                    assertThatThrownBy(() -> ids.nextIds("refund", 1)).isInstanceOf(UnknownTagException.class);

                    int port = context.getBean(IdHttpServer.class).port();
                    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/ids/order?count=3")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.body()).contains("\"unit\":\"unit-b\"");
                });
    }

    @Test
    void aUnitWithoutAnIndexFailsStartupSayingWhereToGiveIt(UnitSandbox sandbox) throws Exception {
        DataSource dataSource = UnitDatabase.dataSource(sandbox.unit("unit-b"), "it_ids_spring");
        runner.withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("unitize.id.unit=unit-b", "unitize.id.tags=order")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("UNITIZE-ID-040 unit unit-b has no index: give it \"index\" in the rules document's units[]")
                        .hasMessageContaining("the deprecated unitize.id.unit-index"));
    }

    @Test
    void withoutAUnitNothingIsWired() {
        runner.withBean(DataSource.class, org.mariadb.jdbc.MariaDbDataSource::new).run(context -> assertThat(context).doesNotHaveBean(IdService.class));
    }
}
