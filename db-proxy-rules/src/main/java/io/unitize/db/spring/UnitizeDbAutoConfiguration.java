package io.unitize.db.spring;

import io.unitize.core.DeprecatedUnitProperty;
import io.unitize.core.rules.RulesSource;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import io.unitize.db.GuardedTable;
import io.unitize.db.UnitDataSources;
import io.unitize.db.UnitWriteGuard;
import io.unitize.db.mybatis.UnitKeyInterceptor;
import io.unitize.db.shardingsphere.GuardedDataSources;
import io.unitize.db.shardingsphere.UnitWriteGuards;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Map;

/**
 * The write guard of an application with a unit ({@code unitize.unit}, which brings the shared
 * {@link RulesSource}: the Nacos subscriber or a rules file): builds the {@link UnitWriteGuard} from {@code unitize.db.*} (bad
 * configuration fails startup naming the property) and wraps the application's DataSource beans in
 * ShardingSphere-JDBC with the guard; an application that already configures ShardingSphere (its
 * DataSource is ShardingSphere's) keeps it and gets the guard registered for
 * {@code unitize.db.database-name}. DataSource beans named in {@code unitize.db.center-data-sources}
 * exist only in the center unit, which the unit directory names ({@code units[]} of the rules document). With MyBatis on the classpath, the {@code @UnitKey} interceptor
 * is a bean (mybatis-spring-boot registers it).
 */
@AutoConfiguration(after = {UnitizeRulesAutoConfiguration.class, DataSourceAutoConfiguration.class})
@ConditionalOnClass(name = "org.apache.shardingsphere.driver.api.ShardingSphereDataSourceFactory")
@ConditionalOnBean(RulesSource.class)
@ConditionalOnProperty(prefix = "unitize.db", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(UnitizeDbProperties.class)
public class UnitizeDbAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    UnitWriteGuard unitizeWriteGuard(UnitizeDbProperties p, RulesSource rules) {
        UnitWriteGuard.Builder b = UnitWriteGuard.builder().unit(rules.unit()).rules(rules::snapshot).strict(p.isStrict());
        for (Map.Entry<String, UnitizeDbProperties.Table> e : p.getTables().entrySet()) {
            try {
                b.table(new GuardedTable(e.getKey(), e.getValue().getKind(), e.getValue().getBuyerColumn()));
            } catch (IllegalArgumentException bad) {
                throw new DbConfigException("UNITIZE-DB-001 unitize.db.tables." + e.getKey() + ": " + bad.getMessage(),
                        DbConfigException.TABLES, bad);
            }
        }
        p.getMaintenanceTables().forEach(b::maintenanceTable);
        try {
            return b.build();
        } catch (IllegalArgumentException bad) {
            throw new DbConfigException("UNITIZE-DB-001 unitize.db: " + bad.getMessage(), DbConfigException.TABLES, bad);
        }
    }

    @Bean
    static BeanPostProcessor unitizeGuardedDataSources(ObjectProvider<UnitWriteGuard> guard, ObjectProvider<UnitizeDbProperties> props,
                                                       ObjectProvider<RulesSource> rules) {
        return new BeanPostProcessor() {
            private String center;

            /** The center unit from units[] (the deprecated unitize.db.center-unit only where there are no rules yet). */
            private String centerUnit(UnitizeDbProperties p) {
                if (center == null) {
                    String fromDirectory = rules.getObject().directoryIfApplied().map(d -> d.center().code()).orElse(null);
                    String resolved = DeprecatedUnitProperty.named("unitize.db.center-unit", "units[] center")
                            .resolve(p.getCenterUnit(), fromDirectory);
                    if (resolved == null) {
                        throw new IllegalStateException("UNITIZE-DB-004 DataSource beans " + p.getCenterDataSources() + " are center "
                                + "datasources, but this process has no rules yet to say which unit is the center (Nacos unreachable "
                                + "at startup and no snapshot file). Next: set unitize.rules.snapshot-file, or start when Nacos is reachable");
                    }
                    center = resolved;
                }
                return center;
            }

            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
                if (!(bean instanceof DataSource)) {
                    return bean; // (touching the properties for other beans would be circular)
                }
                UnitizeDbProperties p = props.getObject();
                if (p.getCenterDataSources().contains(beanName)) {
                    String unit = guard.getObject().unit();
                    String centerUnit = centerUnit(p);
                    if (!unit.equals(centerUnit)) {
                        // replaced before its initialization: no pool started, nothing connects to the center from here
                        return UnitDataSources.centerOnly(beanName, unit, centerUnit, () -> (DataSource) bean);
                    }
                }
                return bean;
            }

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
                if (!(bean instanceof DataSource ds)) {
                    return bean;
                }
                UnitizeDbProperties p = props.getObject();
                if (p.getCenterDataSources().contains(beanName)) {
                    return bean; // a center datasource: not a unit database, not guarded here
                }
                String database = p.getDatabaseName();
                if (bean.getClass().getName().startsWith("org.apache.shardingsphere.")) {
                    try {
                        UnitWriteGuards.register(database, guard.getObject(), ds);
                    } catch (SQLException e) {
                        throw new DbConfigException("UNITIZE-DB-002 cannot read the unit tables' layouts through DataSource '" + beanName
                                + "': " + e.getMessage(), DbConfigException.DATA_SOURCE, e);
                    }
                    return bean;
                }
                try {
                    return GuardedDataSources.wrap(database, ds, guard.getObject());
                } catch (SQLException e) {
                    throw new DbConfigException("UNITIZE-DB-002 cannot put DataSource '" + beanName + "' behind the write guard: "
                            + e.getMessage(), DbConfigException.DATA_SOURCE, e);
                }
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.ibatis.plugin.Interceptor")
    static class MyBatis {
        @Bean
        @ConditionalOnMissingBean
        UnitKeyInterceptor unitizeUnitKeyInterceptor() {
            return new UnitKeyInterceptor();
        }
    }
}
