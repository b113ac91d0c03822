package io.unitize.shop.order;

import io.unitize.jobs.jdbc.JdbcJobLease;
import io.unitize.jobs.jdbc.JdbcTimeoutStore;
import io.unitize.jobs.timeout.TimeoutCallback;
import io.unitize.jobs.timeout.TimeoutCenter;
import io.unitize.shop.ShopProperties;
import io.unitize.shop.jdbc.PlainJdbc;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * unit-jobs in the shop. Its two tables are bookkeeping, not a buyer's business write, and the
 * write guard refuses tables it was not told about: they go through the plain pool ({@link PlainJdbc}),
 * like the outbox's "sent" marks. The timeout center checks the buyer's home and freeze itself when a
 * task is registered, and again when it fires; the order it cancels goes through the guard as ever.
 */
@Configuration(proxyBeanMethods = false)
class OrderTimeoutsConfiguration {

    @Bean
    JdbcJobLease unitizeJobLease(PlainJdbc plain) {
        return new JdbcJobLease(plain.dataSource()).createTable();
    }

    @Bean
    JdbcTimeoutStore unitizeTimeoutStore(PlainJdbc plain) {
        JdbcTimeoutStore store = new JdbcTimeoutStore(plain.dataSource());
        store.createTable();
        return store;
    }

    @Bean(UnpaidOrderExpiry.CALLBACK)
    TimeoutCallback cancelUnpaid(ObjectProvider<OrderServiceImpl> orders) {
        return new UnpaidOrderExpiry(orders::getObject);
    }

    @Bean
    OrderExpiry unpaidOrderScheduler(TimeoutCenter center, ShopProperties props) {
        return new UnpaidOrderExpiry.Scheduler(center, props.getOrders().getUnpaidTimeout(), Clock.systemUTC());
    }
}
