package io.unitize.shop;

import io.unitize.cache.canal.UnitInvalidator;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

import java.util.Set;

/**
 * The cache invalidator checks its rules against the live schema at startup; on a first start the
 * tables are created by this process's Flyway migrations, so it starts after them (Spring Boot's
 * database-initialization ordering, registered in META-INF/spring.factories).
 */
public class InvalidatorAfterMigrations implements DependsOnDatabaseInitializationDetector {

    @Override
    public Set<String> detect(ConfigurableListableBeanFactory beanFactory) {
        return Set.of(beanFactory.getBeanNamesForType(UnitInvalidator.class, false, false));
    }
}
