package io.unitize.controlcenter.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.unitize.controlcenter.config.ControlCenterConfigException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * How the API reads requests: bodies up to {@link ApiLimits#getMaxBodySize()} (413 beyond, on
 * every endpoint, before authentication), JSON nested up to {@link ApiLimits#getMaxJsonDepth()}
 * (400 beyond), and plans parsed strictly: an unknown field, a fraction or a string where an integer
 * belongs, a duplicate key or anything after the document is refused with 400 naming the field.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiLimits.class)
public class ApiRequestConfiguration {

    @Bean
    FilterRegistrationBean<RequestShapeFilter> bodySizeLimitFilter(ApiLimits limits, ObjectMapper json) {
        if (limits.getMaxBodySize() == null || limits.getMaxBodySize().toBytes() <= 0) {
            throw new ControlCenterConfigException("unitize.control-center.api.max-body-size",
                    "max-body-size must be > 0, but was " + limits.getMaxBodySize());
        }
        FilterRegistrationBean<RequestShapeFilter> registration = new FilterRegistrationBean<>(
                new RequestShapeFilter(limits.getMaxBodySize().toBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1); // after character encoding, before anything that reads
        return registration;
    }

    /**
     * Tomcat answers {@code Expect: 100-continue} only when the body is read, so a body refused at the
     * door (413) is never sent.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnRead() {
        return factory -> factory.addConnectorCustomizers(c -> c.setProperty("continueResponseTiming", "onRead"));
    }

    @Bean
    JsonDepthCheck jsonDepthCheck(ApiLimits limits) {
        return new JsonDepthCheck(checkedDepth(limits));
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictRequestJson(ApiLimits limits) {
        int depth = checkedDepth(limits);
        return b -> b
                .featuresToEnable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT, MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .postConfigurer(mapper -> {
                    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(depth).build());
                    // a number or a boolean is not a string ("reason": 42)
                    mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
                });
    }

    private static int checkedDepth(ApiLimits limits) {
        if (limits.getMaxJsonDepth() < 4) {
            throw new ControlCenterConfigException("unitize.control-center.api.max-json-depth",
                    "max-json-depth must be >= 4 (a rules document nests 4 levels), but was " + limits.getMaxJsonDepth());
        }
        return limits.getMaxJsonDepth();
    }
}
