package io.unitize.db.shardingsphere;

import io.unitize.db.UnitWriteGuard;
import org.apache.shardingsphere.driver.api.ShardingSphereDataSourceFactory;
import org.apache.shardingsphere.single.config.SingleRuleConfiguration;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Puts a plain datasource behind ShardingSphere-JDBC with the write guard: every table of it is a
 * ShardingSphere "single" table, so SQL reaches the database as written, after the guard checked it.
 * (An application that already uses ShardingSphere registers the guard for its logical database
 * with {@link UnitWriteGuards#register} instead.)
 *
 * <pre>{@code
 * DataSource guarded = GuardedDataSources.wrap("orders_db", hikari, UnitWriteGuard.builder()
 *         .unit("unit-b").rules(rulesSubscriber::snapshot)
 *         .table(GuardedTable.unit("orders", "buyer_id")).table(GuardedTable.centerUnit("product"))
 *         .build());
 * }</pre>
 */
public final class GuardedDataSources {

    private GuardedDataSources() {
    }

    public static DataSource wrap(String databaseName, DataSource dataSource, UnitWriteGuard guard) throws SQLException {
        UnitWriteGuards.register(databaseName, guard, dataSource);
        return ShardingSphereDataSourceFactory.createDataSource(databaseName, null, Map.of("ds", dataSource),
                List.of(new SingleRuleConfiguration(List.of("*.*"), "ds")), new Properties());
    }
}
