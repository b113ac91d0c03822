package io.unitize.shop.order;

import io.unitize.mq.rocketmq.UnitProducer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import java.sql.SQLException;

/** The outbox relay of this unit: a pass every {@code shop.outbox.interval} (default 1 s). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class OutboxConfiguration {

    @Bean
    OutboxRelay outboxRelay(JdbcOutboxStore store, UnitProducer producer) {
        return new OutboxRelay(store, producer::send);
    }

    @Bean
    RelayTask outboxRelayTask(OutboxRelay relay, JdbcOutboxStore store) {
        return new RelayTask(relay, store);
    }

    /** The scheduled pass. */
    public static final class RelayTask {
        private final OutboxRelay relay;
        private final JdbcOutboxStore store;

        RelayTask(OutboxRelay relay, JdbcOutboxStore store) {
            this.relay = relay;
            this.store = store;
        }

        @Scheduled(initialDelayString = "${shop.outbox.interval:1s}", fixedDelayString = "${shop.outbox.interval:1s}")
        public void pass() {
            relay.publishPending(100);
            try {
                store.purgeSent();
            } catch (SQLException e) {
                // the relay pass logs what is wrong with the database (UNITIZE-SHOP-012)
            }
        }
    }
}
