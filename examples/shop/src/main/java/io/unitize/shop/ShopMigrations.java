package io.unitize.shop;

import io.unitize.cache.canal.UnitInvalidator;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The schema, by Flyway ({@code spring.flyway.*}), before anything uses the database. Flyway
 * migrates with its own connection, not through the write guard; and it must run first because
 * the guarded DataSource is ShardingSphere-JDBC, which reads the tables' metadata when it starts,
 * and because the cache invalidator checks its rules against the live schema. (Boot's own Flyway
 * initializer asks for the application DataSource while it is built, so it cannot run before it.)
 */
@Configuration(proxyBeanMethods = false)
class ShopMigrations {

    static final String BEAN = "shopSchemaMigrated";

    /** Marks that the migrations ran. */
    record SchemaMigrated(int migrationsExecuted) {
    }

    @Bean(BEAN)
    SchemaMigrated shopSchemaMigrated(Environment env) {
        FlywayProperties p = Binder.get(env).bind("spring.flyway", FlywayProperties.class).orElseGet(FlywayProperties::new);
        Flyway flyway = Flyway.configure()
                .dataSource(p.getUrl(), p.getUser(), p.getPassword())
                .table(p.getTable())
                .locations(p.getLocations().toArray(String[]::new))
                .baselineOnMigrate(p.isBaselineOnMigrate())
                .baselineVersion(p.getBaselineVersion())
                .load();
        return new SchemaMigrated(flyway.migrate().migrationsExecuted);
    }

    /** Every DataSource and the cache invalidator start after the migrations. */
    @Bean
    static BeanFactoryPostProcessor shopStartsAfterMigrations() {
        return (ConfigurableListableBeanFactory beanFactory) -> {
            List<String> names = new ArrayList<>(Arrays.asList(beanFactory.getBeanNamesForType(DataSource.class, true, false)));
            names.addAll(Arrays.asList(beanFactory.getBeanNamesForType(UnitInvalidator.class, true, false)));
            for (String name : names) {
                BeanDefinition bd = beanFactory.getBeanDefinition(name);
                List<String> dependsOn = new ArrayList<>(bd.getDependsOn() == null ? List.of() : Arrays.asList(bd.getDependsOn()));
                if (!dependsOn.contains(BEAN)) {
                    dependsOn.add(BEAN);
                    bd.setDependsOn(dependsOn.toArray(String[]::new));
                }
            }
        };
    }
}
