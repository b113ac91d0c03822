package io.unitize.core.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.PropertySources;

import java.util.List;
import java.util.Map;

/**
 * Configure Nacos once: an application that already points Spring Cloud Alibaba at its unit's
 * Nacos ({@code spring.cloud.nacos.discovery.*} / {@code .config.*} / {@code spring.cloud.nacos.*})
 * need not repeat the address, namespace and credentials as {@code unitize.rules.*}.
 * <p>
 * The rule, one for every Unitize starter (they all read {@code unitize.rules.*}, bound or from the
 * {@code Environment}):
 * <ul>
 *   <li>when {@code unitize.rules.server-addr} is set anywhere, nothing falls back: Unitize has its own Nacos;</li>
 *   <li>otherwise the Nacos is the first of {@code spring.cloud.nacos.discovery}, {@code spring.cloud.nacos.config},
 *       {@code spring.cloud.nacos} that sets {@code server-addr}, and {@code namespace}, {@code username} /
 *       {@code password} and {@code access-key} / {@code secret-key} are read from that same prefix, each
 *       (pair) falling back to the shared {@code spring.cloud.nacos.*} one;</li>
 *   <li>a {@code unitize.rules.*} property that is set always wins over its fallback.</li>
 * </ul>
 * Implemented as the environment's last property source, so it never shadows anything configured
 * and costs nothing per call (it is read while beans are created).
 */
public final class SpringCloudNacosFallback implements EnvironmentPostProcessor, Ordered {

    /** Name of the property source this adds (last, lowest precedence). */
    public static final String SOURCE_NAME = "unitize-rules-from-spring-cloud-nacos";
    static final String RULES = "unitize.rules.";
    static final String SHARED = "spring.cloud.nacos.";
    /** Where Spring Cloud Alibaba is told its Nacos, in the order they are consulted. */
    static final List<String> PREFIXES = List.of("spring.cloud.nacos.discovery.", "spring.cloud.nacos.config.", SHARED);
    /** Credentials come in pairs and are never mixed from two prefixes: the first key of a pair chooses the prefix. */
    static final Map<String, String> PAIRS = Map.of("username", "password", "access-key", "secret-key");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        MutablePropertySources sources = environment.getPropertySources();
        if (!sources.contains(SOURCE_NAME)) {
            sources.addLast(new Source(sources));
        }
    }

    /** After the application's configuration files are loaded (they are where spring.cloud.nacos.* usually is). */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Answers {@code unitize.rules.<key>} from the other property sources' {@code spring.cloud.nacos.*}, when they lack it. */
    static final class Source extends PropertySource<PropertySources> {

        Source(PropertySources all) {
            super(SOURCE_NAME, all);
        }

        @Override
        public Object getProperty(String name) {
            if (!name.startsWith(RULES)) {
                return null;
            }
            String key = name.substring(RULES.length());
            if (!isFallbackKey(key)) {
                return null;
            }
            Binder others = others();
            if (others.bind(RULES + "server-addr", String.class).isBound()) {
                return null;
            }
            String prefix = PREFIXES.stream().filter(p -> text(others, p + "server-addr") != null).findFirst().orElse(null);
            if (prefix == null) {
                return null;
            }
            if (key.equals("server-addr")) {
                return text(others, prefix + key);
            }
            String lead = PAIRS.containsKey(key) ? key : PAIRS.entrySet().stream().filter(e -> e.getValue().equals(key))
                    .map(Map.Entry::getKey).findFirst().orElse(key);
            String from = text(others, prefix + lead) != null ? prefix : SHARED;
            return text(others, from + key);
        }

        private static boolean isFallbackKey(String key) {
            return key.equals("server-addr") || key.equals("namespace") || PAIRS.containsKey(key) || PAIRS.containsValue(key);
        }

        /**
         * Every property source but this one (this one asking itself would never end), with Spring Boot's relaxed
         * names ({@code serverAddr}, {@code SPRING_CLOUD_NACOS_DISCOVERY_SERVERADDR}) and placeholders resolved.
         */
        private Binder others() {
            List<PropertySource<?>> rest = getSource().stream().filter(s -> s != this).toList();
            return new Binder(ConfigurationPropertySources.from(rest), new PropertySourcesPlaceholdersResolver(rest));
        }

        /** The non-blank value of {@code name}, else null. */
        private static String text(Binder binder, String name) {
            String value = binder.bind(name, String.class).orElse(null);
            return value == null || value.isBlank() ? null : value;
        }
    }
}
