package io.unitize.shop;

import com.zaxxer.hikari.HikariDataSource;
import io.unitize.core.nacos.RulesSubscriber;
import io.unitize.id.FileHighWaterMark;
import io.unitize.id.IdLayout;
import io.unitize.id.JdbcWorkerLeases;
import io.unitize.id.SnowflakeIdGenerator;
import io.unitize.id.WorkerLease;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Order ids in id-service's routable layout ({@code IdLayout.routable(14)}: time · unit · worker ·
 * buyer slot · sequence): two units never issue the same id (the unit bits), so the tables replicate
 * both ways without a key conflict, and an id alone says its unit and its buyer's slot (so it can be
 * routed with the rules in force). Worker ids are leased in this unit's database
 * ({@code unitize_id_worker}), and a high-water mark file keeps a restart from reusing a second.
 * Those are this unit's bookkeeping, not a buyer's data, so they get their own small pool beside the
 * guarded application DataSource (the guard would refuse the undeclared table).
 */
@Configuration(proxyBeanMethods = false)
class OrderIds {

    /** 14 slot bits hold the rules' 10,000 slots. */
    static final IdLayout LAYOUT = IdLayout.routable(14);

    /** Not a DataSource bean (that would be guarded, and would replace Boot's own DataSource). */
    static final class IdStorePool implements AutoCloseable {
        final HikariDataSource pool;

        IdStorePool(DataSourceProperties db) {
            pool = db.initializeDataSourceBuilder().type(HikariDataSource.class).build();
            pool.setPoolName("id-workers");
            pool.setMaximumPoolSize(2);
        }

        @Override
        public void close() {
            pool.close();
        }
    }

    @Bean(destroyMethod = "close")
    IdStorePool idStorePool(DataSourceProperties db) {
        return new IdStorePool(db);
    }

    @Bean(destroyMethod = "close")
    WorkerLease orderIdWorker(IdStorePool idStorePool, ShopProperties shop) {
        JdbcWorkerLeases leases = new JdbcWorkerLeases(idStorePool.pool);
        leases.createTable();
        return leases.acquire(shop.getUnit(), "shop:" + ProcessHandle.current().pid(), LAYOUT.maxWorkers(), Duration.ofSeconds(30));
    }

    @Bean
    OrderIdGenerator orderIdGenerator(WorkerLease orderIdWorker, ShopProperties shop, RulesSubscriber rules) {
        Integer fromUnits = rules.directoryIfApplied().flatMap(d -> {
            var i = d.index();
            return i.isPresent() ? java.util.Optional.of(i.getAsInt()) : java.util.Optional.empty();
        }).orElse(null);
        Integer index = io.unitize.core.DeprecatedUnitProperty.named("shop.unit-index", "units[] index of unit " + shop.getUnit())
                .resolve(shop.getUnitIndex(), fromUnits);
        if (index == null || index < 0 || index >= LAYOUT.maxUnits()) {
            throw new IllegalStateException("UNITIZE-SHOP-001 unit " + shop.getUnit() + " needs its index 0.." + (LAYOUT.maxUnits() - 1)
                    + " (\"index\" of the unit in units[] of the rules document, different in every unit), but has " + index);
        }
        Path mark = shop.getIdHighWaterMark() != null ? shop.getIdHighWaterMark()
                : Path.of(System.getProperty("user.home"), "order-id-" + shop.getUnit() + ".hwm");
        SnowflakeIdGenerator ids = SnowflakeIdGenerator.builder().layout(LAYOUT).unit(index).workerLease(orderIdWorker)
                .highWaterMark(new FileHighWaterMark(mark), 1_000).build();
        return new OrderIdGenerator(ids, rules);
    }
}
