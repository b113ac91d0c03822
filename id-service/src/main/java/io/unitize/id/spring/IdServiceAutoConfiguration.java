package io.unitize.id.spring;

import io.unitize.core.DeprecatedUnitProperty;
import io.unitize.core.rules.RulesSource;
import io.unitize.core.spring.UnitizeRulesAutoConfiguration;
import io.unitize.id.IdHttpAccess;
import io.unitize.id.IdHttpServer;
import io.unitize.id.IdService;
import io.unitize.id.JdbcSegmentStore;
import io.unitize.id.LocalIdService;
import io.unitize.id.SegmentIdGenerator;
import io.unitize.id.dubbo.DubboIdServiceExporter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Wires the ID service from {@code unitize.id.*} when {@code unitize.id.enabled=true} (or the
 * deprecated {@code unitize.id.unit} is set): segment mode on the application's {@link DataSource}
 * (the unit's own database), one generator per tag, served in-process as the {@link IdService} bean
 * and optionally over HTTP and Dubbo. The unit is {@code unitize.unit}; its index comes from the unit
 * directory ({@code units[].index}, through the process's one {@link RulesSource}). The deprecated
 * {@code unitize.id.unit} and {@code unitize.id.unit-index} are used only where those give nothing,
 * and refused when they disagree ({@link DeprecatedUnitProperty}).
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, UnitizeRulesAutoConfiguration.class})
@ConditionalOnExpression("${unitize.id.enabled:false} or '${unitize.id.unit:}' != ''")
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(UnitizeIdProperties.class)
public class IdServiceAutoConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService unitizeIdSegmentFetcher() {
        return Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "unitize-id-segment");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    @ConditionalOnMissingBean
    IdUnit unitizeIdUnit(UnitizeIdProperties p, Environment env, ObjectProvider<RulesSource> rules) {
        String processUnit = env.getProperty("unitize.unit");
        String unit = DeprecatedUnitProperty.repeating("unitize.id.unit", "unitize.unit")
                .resolve(p.getUnit(), processUnit == null || processUnit.isBlank() ? null : processUnit);
        if (unit == null) {
            throw new IdConfigException("UNITIZE-ID-045 unitize.id.enabled=true but unitize.unit is not set: name the unit "
                    + "this process runs in (its index is units[].index of that unit in the rules document)");
        }
        return new IdUnit(unit, UnitIndexResolver.resolve(unit, p.getUnitIndex(), UnitIndexResolver.directoryOf(rules.getIfAvailable()),
                p.getUnitBits()));
    }

    @Bean
    @ConditionalOnMissingBean
    LocalIdService unitizeIdService(DataSource dataSource, UnitizeIdProperties p, ExecutorService unitizeIdSegmentFetcher,
                                    IdUnit idUnit) {
        String unit = idUnit.code();
        int unitIndex = idUnit.index();
        if (p.getTags().isEmpty()) {
            throw new IdConfigException("UNITIZE-ID-041 unitize.id.tags is empty: name the business tags to serve, e.g. unitize.id.tags=order");
        }
        JdbcSegmentStore store = new JdbcSegmentStore(dataSource);
        if (p.isCreateTable()) {
            store.createTable();
        }
        LocalIdService service = new LocalIdService(unit);
        for (String tag : p.getTags()) {
            store.register(tag, unit, 0);
            service.tag(tag, new SegmentIdGenerator(store, tag, unit, unitIndex, p.getUnitBits(), p.getSegment().getMinStep(),
                    p.getSegment().getMaxStep(), p.getSegment().getTargetDuration(), unitizeIdSegmentFetcher));
        }
        return service;
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "unitize.id.http", name = "enabled", havingValue = "true")
    IdHttpServer unitizeIdHttpServer(LocalIdService service, UnitizeIdProperties p, IdUnit idUnit) throws IOException {
        UnitizeIdProperties.Http http = p.getHttp();
        IdHttpAccess access;
        try {
            access = IdHttpAccess.builder().tokens(http.getTokens()).perClientLimit(http.getRateLimit(), http.getRateLimitPeriod())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IdConfigException("unitize.id.http.tokens / rate-limit: " + e.getMessage(), e);
        }
        return new IdHttpServer(http.getHost(), http.getPort(), idUnit.code(), service, http.getThreads(), access).start();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.apache.dubbo.config.bootstrap.DubboBootstrap")
    @ConditionalOnProperty(prefix = "unitize.id.dubbo", name = "enabled", havingValue = "true")
    static class DubboEndpoint {

        @Bean(destroyMethod = "close")
        DubboIdServiceExporter unitizeIdDubboExporter(LocalIdService service, UnitizeIdProperties p) {
            UnitizeIdProperties.Dubbo d = p.getDubbo();
            return DubboIdServiceExporter.export(service, d.getHost(), d.getPort(), d.getRegistry());
        }
    }
}
