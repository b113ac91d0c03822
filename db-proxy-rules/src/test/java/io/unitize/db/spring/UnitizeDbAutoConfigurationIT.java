package io.unitize.db.spring;

import com.zaxxer.hikari.HikariDataSource;
import io.unitize.core.UnitDefinition;
import io.unitize.core.UnitRole;
import io.unitize.core.UnitRules;
import io.unitize.core.nacos.RulesPublisher;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import io.unitize.db.UnitWriteRefusedException;
import io.unitize.db.mybatis.UnitKeyInterceptor;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code unitize.db.*} puts the application's DataSource behind the guard (sandbox MariaDB and Nacos of unit-b). */
@SandboxServers({ServerKind.MARIADB, ServerKind.NACOS})
class UnitizeDbAutoConfigurationIT {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(UnitizeRulesAutoConfiguration.class, UnitizeDbAutoConfiguration.class,
                    org.mybatis.spring.boot.autoconfigure.MybatisAutoConfiguration.class));

    /** The application's mappers, found by mybatis-spring-boot. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.mybatis.spring.annotation.MapperScan(basePackageClasses = io.unitize.db.it.OrderMapper.class,
            annotationClass = org.apache.ibatis.annotations.Mapper.class)
    static class Mappers {
    }

    @Test
    void theApplicationsDataSourceIsGuarded(UnitSandbox sandbox) throws Exception {
        SandboxUnit b = sandbox.unit("unit-b");
        String channel = "db-spring-" + Long.toHexString(System.nanoTime() & 0xffffff);
        try (Connection c = DriverManager.getConnection(b.jdbcUrl(""), b.dbUser(), b.dbPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS it_guard_spring");
            s.execute("CREATE TABLE IF NOT EXISTS it_guard_spring.orders (id BIGINT PRIMARY KEY, buyer_id BIGINT NOT NULL, amount INT NOT NULL DEFAULT 0)");
            s.execute("DELETE FROM it_guard_spring.orders");
        }
        try (RulesPublisher publisher = RulesPublisher.builder().dataId(channel + ".json").group(channel).unit("unit-b", b.nacosAddr()).build()) {
            publisher.publish(UnitRules.builder().version(1).updatedAt(Instant.now()).author("it").reason("db starter")
                    .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of())).unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
                    .route(0, 4999, "center").route(5000, 9999, "unit-b").build());
            runner.withUserConfiguration(Mappers.class).withBean(DataSource.class, () -> {
                        HikariDataSource h = new HikariDataSource();
                        h.setJdbcUrl(b.jdbcUrl("it_guard_spring"));
                        h.setUsername(b.dbUser());
                        h.setPassword(b.dbPassword());
                        return h;
                    })
                    .withPropertyValues("unitize.unit=unit-b", "unitize.rules.server-addr=" + b.nacosAddr(),
                            "unitize.rules.data-id=" + channel + ".json", "unitize.rules.group=" + channel,
                            "unitize.db.database-name=spring_it", "unitize.db.tables.orders.kind=UNIT",
                            "unitize.db.tables.orders.buyer-column=buyer_id")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context).hasSingleBean(UnitKeyInterceptor.class);
                        DataSource ds = context.getBean(DataSource.class);
                        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                            assertThat(s.executeUpdate("INSERT INTO orders (id, buyer_id) VALUES (1, 5001)")).isEqualTo(1);
                            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO orders (id, buyer_id) VALUES (2, 42)"))
                                    .isInstanceOf(UnitWriteRefusedException.class).hasMessageContaining("NOT_HOMED_HERE");
                        }
                        // mybatis-spring-boot out of the box: the interceptor bean is a plugin of its SqlSessionFactory
                        io.unitize.db.it.OrderMapper mapper = context.getBean(io.unitize.db.it.OrderMapper.class);
                        assertThat(mapper.setAmount(5001, 1, 7)).isEqualTo(1);
                        assertThatThrownBy(() -> mapper.setAmount(42, 1, 8)).hasRootCauseInstanceOf(UnitWriteRefusedException.class)
                                .rootCause().hasMessageContaining("NOT_HOMED_HERE");
                        assertThatThrownBy(() -> mapper.setAmountBlind(1, 9)).rootCause().hasMessageContaining("NO_BUYER");
                    });
        }
        try (Connection c = DriverManager.getConnection(b.jdbcUrl("it_guard_spring"), b.dbUser(), b.dbPassword());
             Statement s = c.createStatement(); var rs = s.executeQuery("SELECT id FROM orders")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void aCenterDataSourceIsNotCreatedOutsideTheCenterOfTheUnitDirectoryAndItsUseFailsNamingIt(UnitSandbox sandbox) {
        SandboxUnit b = sandbox.unit("unit-b");
        String channel = publishTwoUnits(b, "db-center-");
        runner.withBean("unitDs", DataSource.class, () -> hikari(b, "it_guard_spring"), bd -> bd.setPrimary(true))
                .withBean("centerDs", DataSource.class, () -> hikari(sandbox.center(), ""))
                .withPropertyValues("unitize.unit=unit-b", "unitize.rules.server-addr=" + b.nacosAddr(),
                        "unitize.rules.data-id=" + channel + ".json", "unitize.rules.group=" + channel,
                        "unitize.db.strict=false", "unitize.db.center-data-sources=centerDs")
                .run(context -> {
                    assertThat(context).as("the application starts in unit-b").hasNotFailed();
                    DataSource center = context.getBean("centerDs", DataSource.class);
                    assertThatThrownBy(center::getConnection).isInstanceOf(io.unitize.db.CenterDataSourceUnavailableException.class)
                            .hasMessageContaining("datasource 'centerDs' is a center datasource").hasMessageContaining("runs in unit-b");
                });
    }

    @Test
    void aDeprecatedCenterUnitThatDisagreesWithTheUnitDirectoryFailsStartupNamingBoth(UnitSandbox sandbox) {
        SandboxUnit b = sandbox.unit("unit-b");
        String channel = publishTwoUnits(b, "db-conflict-");
        runner.withBean("unitDs", DataSource.class, () -> hikari(b, "it_guard_spring"), bd -> bd.setPrimary(true))
                .withBean("centerDs", DataSource.class, () -> hikari(sandbox.center(), ""))
                .withPropertyValues("unitize.unit=unit-b", "unitize.rules.server-addr=" + b.nacosAddr(),
                        "unitize.rules.data-id=" + channel + ".json", "unitize.rules.group=" + channel,
                        "unitize.db.strict=false", "unitize.db.center-data-sources=centerDs", "unitize.db.center-unit=unit-b")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .isInstanceOf(io.unitize.core.UnitFactConflictException.class)
                        .hasMessageStartingWith("UNITIZE-RULE-062 unitize.db.center-unit is 'unit-b' but the rules document's "
                                + "units[] center is 'center'"));
    }

    /** Publishes center + unit-b on a channel of its own; returns the channel (data id = channel.json, group = channel). */
    private static String publishTwoUnits(SandboxUnit b, String prefix) {
        String channel = prefix + Long.toHexString(System.nanoTime() & 0xffffff);
        try (RulesPublisher publisher = RulesPublisher.builder().dataId(channel + ".json").group(channel).unit("unit-b", b.nacosAddr()).build()) {
            publisher.publish(UnitRules.builder().version(1).updatedAt(Instant.now()).author("it").reason("db starter")
                    .unit(UnitDefinition.of("center", UnitRole.CENTER, Map.of())).unit(UnitDefinition.of("unit-b", UnitRole.UNIT, Map.of()))
                    .route(0, 4999, "center").route(5000, 9999, "unit-b").build());
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (publisher.current("unit-b").isEmpty()) { // Nacos serves a publication after a short dump delay
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Nacos of unit-b does not serve " + channel + " 60 s after publishing it");
                }
                Thread.onSpinWait();
            }
        }
        return channel;
    }

    private static HikariDataSource hikari(SandboxUnit unit, String schema) {
        HikariDataSource h = new HikariDataSource();
        h.setJdbcUrl(unit.jdbcUrl(schema));
        h.setUsername(unit.dbUser());
        h.setPassword(unit.dbPassword());
        return h;
    }

    @Test
    void aUnitTableWithoutBuyerColumnFailsStartupNamingTheProperty(UnitSandbox sandbox) {
        runner.withBean(DataSource.class, HikariDataSource::new)
                .withPropertyValues("unitize.unit=unit-b", "unitize.rules.server-addr=" + sandbox.unit("unit-b").nacosAddr(),
                        "unitize.rules.initial-timeout=1s", "unitize.db.tables.orders.kind=UNIT")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("unit table orders needs its buyer column"));
    }
}
