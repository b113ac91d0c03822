package io.unitize.sandbox.internal;

import io.unitize.sandbox.SandboxStartException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a sandbox child JVM of one server kind. Its classpath is the one Maven
 * resolved for the matching {@code deploy/sandbox-servers/<kind>} module (written to
 * {@code META-INF/unitize-sandbox/<kind>.classpath} in that module's jar) plus the module itself.
 * Every child starts through {@code ChildMain}, which ends the child when this JVM is gone.
 */
final class JavaChildCommand {

    private static final String CHILD_MAIN = "io.unitize.sandbox.process.ChildMain";

    private JavaChildCommand() {
    }

    static List<String> of(String kind, List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-Xss512k");
        cmd.add("-Djava.net.preferIPv4Stack=true");
        cmd.add("-Dunitize.sandbox.parentPid=" + ProcessHandle.current().pid());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath(kind));
        cmd.add(CHILD_MAIN);
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }

    static String classpath(String kind) {
        String resource = "META-INF/unitize-sandbox/" + kind + ".classpath";
        URL url = JavaChildCommand.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new SandboxStartException("UNITIZE-SANDBOX-006 " + resource + " is not on the classpath: build "
                    + "deploy/sandbox-servers/" + kind + " first (./mvnw -pl deploy/sandbox -am install -DskipTests)");
        }
        try (InputStream in = url.openStream()) {
            String deps = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            return moduleRoot(url, resource) + java.io.File.pathSeparator + deps;
        } catch (IOException e) {
            throw new SandboxStartException("UNITIZE-SANDBOX-006 cannot read " + url + ": " + e.getMessage(), e);
        }
    }

    /** The jar or classes folder that holds the resource: the server module's own code. */
    private static String moduleRoot(URL url, String resource) {
        String s = url.toString();
        try {
            if (s.startsWith("jar:")) {
                return Path.of(new URL(s.substring(4, s.indexOf("!/"))).toURI()).toString();
            }
            Path file = Path.of(url.toURI());
            Path root = file;
            for (int i = 0; i < resource.split("/").length; i++) {
                root = root.getParent();
            }
            return root.toString();
        } catch (URISyntaxException | IOException e) {
            throw new SandboxStartException("UNITIZE-SANDBOX-006 cannot locate the module of " + url, e);
        }
    }
}
