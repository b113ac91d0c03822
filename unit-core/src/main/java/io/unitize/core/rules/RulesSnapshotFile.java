package io.unitize.core.rules;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * The local copy of the last applied document, for a start while the rules source is unreachable.
 * Written atomically (a temporary file moved over it), so a crash never leaves half a document.
 */
public final class RulesSnapshotFile {

    private static final Logger log = LoggerFactory.getLogger(RulesSnapshotFile.class);

    private final Path file;

    public RulesSnapshotFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The document kept, if there is one and it can be read (UNITIZE-RULE-013 when it cannot). */
    public Optional<String> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.warn("UNITIZE-RULE-013 cannot read the rules snapshot file {}: {}. Next: check the file's permissions; "
                    + "the agent has no rules until its source is readable", file, e.toString());
            return Optional.empty();
        }
    }

    /** Keeps {@code content}; a failure is logged (UNITIZE-RULE-014), never thrown: the rules are in force already. */
    public void write(String content) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".unitize-rules", ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("UNITIZE-RULE-014 cannot write the rules snapshot file {}: {}. Next: a restart while Nacos is down "
                    + "will have no rules; check the folder's permissions", file, e.toString());
        }
    }

    @Override
    public String toString() {
        return file.toString();
    }
}
