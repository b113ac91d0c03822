package io.unitize.id.shardingsphere;

import io.unitize.id.IdLayout;
import io.unitize.sandbox.SandboxUnit;
import io.unitize.sandbox.ServerKind;
import io.unitize.sandbox.UnitSandbox;
import io.unitize.sandbox.junit.SandboxServers;
import org.apache.shardingsphere.driver.api.yaml.YamlShardingSphereDataSourceFactory;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A real ShardingSphere-JDBC data source on the sandbox's MariaDB generating order keys with UNITIZE_SNOWFLAKE. */
@SandboxServers(ServerKind.MARIADB)
class ShardingSphereKeyGenerationIT {

    @Test
    void insertsGetUnitizeKeysThatCarryTheUnit(UnitSandbox sandbox) throws Exception {
        SandboxUnit unit = sandbox.unit("unit-b");
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl(""), unit.dbUser(), unit.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS it_ids_ss");
            s.execute("CREATE TABLE IF NOT EXISTS it_ids_ss.t_order (order_id BIGINT PRIMARY KEY, buyer_id BIGINT NOT NULL)");
        }
        String yaml = """
                dataSources:
                  ds:
                    dataSourceClassName: com.zaxxer.hikari.HikariDataSource
                    jdbcUrl: %s
                    username: %s
                    password: '%s'
                rules:
                - !SHARDING
                  tables:
                    t_order:
                      actualDataNodes: ds.t_order
                      keyGenerateStrategy:
                        column: order_id
                        keyGeneratorName: unitize
                  keyGenerators:
                    unitize:
                      type: UNITIZE_SNOWFLAKE
                      props:
                        unit-index: 1
                        worker-id: 4
                """.formatted(unit.jdbcUrl("it_ids_ss"), unit.dbUser(), unit.dbPassword());
        DataSource ds = YamlShardingSphereDataSourceFactory.createDataSource(yaml.getBytes(StandardCharsets.UTF_8));
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO t_order (buyer_id) VALUES (?)")) {
            for (int i = 0; i < 200; i++) {
                ps.setLong(1, 1_000 + i);
                ps.executeUpdate();
            }
        } finally {
            ((AutoCloseable) ds).close();
        }
        Set<Long> keys = new HashSet<>();
        try (Connection c = DriverManager.getConnection(unit.jdbcUrl("it_ids_ss"), unit.dbUser(), unit.dbPassword());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT order_id FROM t_order")) {
            while (rs.next()) {
                keys.add(rs.getLong(1));
            }
        }
        assertThat(keys).hasSize(200);
        assertThat(keys).allSatisfy(k -> assertThat(IdLayout.standard().unitOf(k)).isEqualTo(1));
    }
}
