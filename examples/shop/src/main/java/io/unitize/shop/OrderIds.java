package io.unitize.shop;

import com.zaxxer.hikari.HikariDataSource;
import io.unitize.id.JdbcSegmentStore;
import io.unitize.id.LocalIdService;
import io.unitize.id.SegmentIdGenerator;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Order ids from id-service's segment generator (unit index in the low bits: two units never issue
 * the same id, so the tables replicate both ways without a key conflict). Its segment table is
 * this unit's bookkeeping, not a buyer's data, so the store gets its own small pool beside the
 * guarded application DataSource (the guard would refuse the undeclared table).
 */
@Configuration(proxyBeanMethods = false)
class OrderIds {

    static final String TAG = "order";

    /** Not a DataSource bean (that would be guarded, and would replace Boot's own DataSource). */
    static final class IdStorePool implements AutoCloseable {
        final HikariDataSource pool;

        IdStorePool(DataSourceProperties db) {
            pool = db.initializeDataSourceBuilder().type(HikariDataSource.class).build();
            pool.setPoolName("id-segments");
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

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService idSegmentFetcher() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "shop-id-segments");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    LocalIdService orderIdService(IdStorePool idStorePool, ShopProperties shop, ExecutorService idSegmentFetcher) {
        if (shop.getUnitIndex() < 0 || shop.getUnitIndex() > 15) {
            throw new IllegalStateException("UNITIZE-SHOP-001 shop.unit-index must be 0..15 (this unit's index, different in every unit), but was "
                    + shop.getUnitIndex());
        }
        JdbcSegmentStore store = new JdbcSegmentStore(idStorePool.pool);
        store.createTable();
        store.register(TAG, shop.getUnit(), 0);
        return new LocalIdService(shop.getUnit()).tag(TAG, new SegmentIdGenerator(store, TAG, shop.getUnit(), shop.getUnitIndex(), 4,
                100, 10_000, Duration.ofMinutes(5), idSegmentFetcher));
    }
}
