package io.unitize.shop.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;

/**
 * A small pool on the unit's database <em>beside</em> the guarded DataSource, for the shop's own
 * bookkeeping that is not a buyer's business write: the outbox relay marking rows of this unit
 * sent, the reservation sweeper reading replication status, and unit-jobs' tables (the timeout
 * task every place registers, the firer's polls and claims, the job leases). (Not a DataSource bean: Boot's
 * DataSource auto-configuration and the write guard stay as they are.) Business writes never use it.
 */
@Component
public class PlainJdbc implements DisposableBean {

    private final HikariDataSource pool;

    public PlainJdbc(Environment env) {
        DataSourceProperties p = Binder.get(env).bind("spring.datasource", DataSourceProperties.class)
                .orElseThrow(() -> new IllegalStateException("UNITIZE-SHOP-040 spring.datasource.* is not set: the shop needs its unit's database"));
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(p.getUrl());
        c.setUsername(p.getUsername());
        c.setPassword(p.getPassword());
        c.setMaximumPoolSize(4); // 2 before the timeout center: every place registers a task here, the firer claims on its threads
        c.setMinimumIdle(0);
        c.setPoolName("shop-plain");
        this.pool = new HikariDataSource(c);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void destroy() {
        pool.close();
    }
}
