package io.unitize.shop;

import org.apache.dubbo.config.spring.context.annotation.EnableDubbo;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * One shop process per unit: web API, order service (UNIT), inventory (CENTER, exported in the
 * center only), catalog reads, and the two ORDER_EVENTS consumers. Everything unit-aware comes from
 * the Unitize starters and {@code unitize.*} properties (see examples/shop/README.md).
 */
@SpringBootApplication
@EnableDubbo
@EnableConfigurationProperties(ShopProperties.class)
public class ShopApplication {

    public static void main(String[] args) {
        // shop.yml, not application.yml: the gateways of the tests and the demo share this classpath
        new SpringApplicationBuilder(ShopApplication.class).properties("spring.config.name=shop").run(args);
    }
}
