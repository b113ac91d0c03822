package io.unitize.sandbox.internal;

import io.unitize.sandbox.ServerSettingsException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The settings in force that a server wrote about itself at its start ({@code java.util.Properties}
 * format), e.g. {@code nacos.naming.push.pushTaskDelay=50}. Read anew on every call, so a
 * restarted server's file is the one seen.
 */
public final class ServerSettingsFile {

    private ServerSettingsFile() {
    }

    /**
     * The value of {@code name}, empty when the server does not report that setting.
     *
     * @throws ServerSettingsException when the file is missing or unreadable
     */
    public static Optional<String> read(Path file, String server, String name) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            throw new ServerSettingsException("UNITIZE-SANDBOX-070 " + server + " wrote no settings file " + file
                    + ": it is not running, or its server code predates the file (rebuild it: ./mvnw -pl deploy/sandbox -am"
                    + " package -DskipTests), or it could not write it (look for UNITIZE-SANDBOX-920 in its out.log)", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new ServerSettingsException("UNITIZE-SANDBOX-071 cannot read the settings file " + file + " of " + server
                    + " (" + e + "); restart the sandbox so that the server writes it again", e);
        }
        return Optional.ofNullable(p.getProperty(name)).map(String::trim);
    }
}
