package io.unitize.controlcenter.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The control center's embedded store (when no {@code spring.datasource.url} is given): H2 in
 * MariaDB mode in one folder, opened so that nothing acknowledged is lost — each commit written
 * before it returns ({@code WRITE_DELAY=0}) on a file opened for synchronous writes
 * ({@link SyncWriteFilePath}).
 */
public final class EmbeddedStore {

    /** Where the store lives unless {@code unitize.control-center.store.directory} says otherwise. */
    public static Path defaultDirectory() {
        return Path.of(System.getProperty("user.home"), ".unitize", "control-center");
    }

    private EmbeddedStore() {
    }

    /**
     * Creates the folder, readable by this user only where the file system says so (its H2
     * account has no password: the folder's permissions are what guards it). An existing folder is
     * left as it is.
     */
    public static void createPrivately(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
            if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException raced) {
            // created meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the control center's store folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The JDBC URL of the durable embedded store in this folder. */
    public static String url(Path directory) {
        return "jdbc:h2:" + SyncWriteFilePath.SCHEME + ":" + directory.toAbsolutePath().normalize().resolve("control-center")
                + ";MODE=MariaDB;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0";
    }

    /**
     * Why a configured URL is an embedded H2 file store that would lose acknowledged commits, or
     * empty when it is not one (another database, an in-memory H2, an H2 server, or a durable one).
     */
    public static Optional<String> whyNotDurable(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String name = lower.substring("jdbc:h2:".length());
        if (name.startsWith("mem:") || name.startsWith("tcp:") || name.startsWith("ssl:")) {
            return Optional.empty();
        }
        boolean syncWrites = name.startsWith(SyncWriteFilePath.SCHEME + ":");
        String settings = lower.replace(" ", "");
        boolean writeDelayZero = settings.contains(";write_delay=0;") || settings.endsWith(";write_delay=0");
        if (syncWrites && writeDelayZero) {
            return Optional.empty();
        }
        List<String> faults = new ArrayList<>();
        if (!writeDelayZero) {
            faults.add("writes a commit to its file up to 500 ms after the commit returned (no WRITE_DELAY=0)");
        }
        if (!syncWrites) {
            faults.add("leaves written commits in the operating system's cache (no '" + SyncWriteFilePath.SCHEME + ":' prefix)");
        }
        return Optional.of("an embedded H2 file store that " + String.join(" and ", faults)
                + ": a crash would lose what the API acknowledged");
    }
}
