package io.unitize.id;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** A high-water mark in a small file, replaced atomically and forced to disk. */
public final class FileHighWaterMark implements HighWaterMark {

    private final Path file;

    public FileHighWaterMark(Path file) {
        this.file = file;
    }

    @Override
    public long load() {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("UNITIZE-ID-002 cannot read the ID high-water mark " + file + ": " + e
                    + ". Next: restore the file or delete it only if the clock is known to be past the last issued ID", e);
        }
    }

    @Override
    public void store(long epochMillis) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = dir.resolve(file.getFileName() + ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(Long.toString(epochMillis).getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("UNITIZE-ID-003 cannot store the ID high-water mark " + file, e);
        }
    }
}
