package io.unitize.core.rules;

import io.unitize.core.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An agent that reads its rules from a file runs with no Nacos client on its classpath: the file
 * source is loaded and run in a class loader built from this test's classpath minus every Nacos
 * jar. The same loader cannot load the Nacos adapter, which shows that the jars are really gone.
 */
class WithoutNacosClientTest {

    @TempDir
    Path dir;

    @Test
    void aFileRulesSourceAppliesRulesInAClassLoaderWithoutTheNacosClient() throws Exception {
        Path file = dir.resolve("rules.json");
        Files.writeString(file, Fixtures.twoUnits(6).build().toJson());
        List<URL> urls = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (Path.of(entry).getFileName().toString().contains("nacos")) {
                dropped.add(entry);
            } else {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(dropped).as("the Nacos client is on this test's own classpath").isNotEmpty();

        try (URLClassLoader noNacos = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("com.alibaba.nacos.api.NacosFactory", false, noNacos))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> Class.forName("io.unitize.core.nacos.RulesSubscriber", true, noNacos)
                    .getMethod("builder").invoke(null)).hasRootCauseInstanceOf(ClassNotFoundException.class);

            Class<?> agent = Class.forName(FileAgent.class.getName(), true, noNacos);
            assertThat(agent.getClassLoader()).isSameAs(noNacos);
            Object version = agent.getMethod("appliedVersion", Path.class).invoke(null, file);
            assertThat(version).isEqualTo(6L);
        }
    }

    @Test
    void theApplierPackageImportsNeitherNacosNorTheNacosAdapter() throws IOException {
        Path pkg = Path.of("src/main/java/io/unitize/core/rules");
        List<String> offending = new ArrayList<>();
        try (Stream<Path> files = Files.list(pkg)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (line.startsWith("import ") && (line.contains("com.alibaba") || line.contains("io.unitize.core.nacos")
                            || line.contains("org.springframework"))) {
                        offending.add(f.getFileName() + ": " + line);
                    }
                }
            }
        }
        assertThat(offending).isEmpty();
    }

    /** What a file-fed agent does; run inside the Nacos-free class loader. */
    public static final class FileAgent {
        public static long appliedVersion(Path file) {
            try (FileRulesSource source = FileRulesSource.builder().file(file).unit("unit-b").agentKind("batch").build().start()) {
                return source.snapshot().version();
            }
        }
    }
}
