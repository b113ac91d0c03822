package io.unitize.controlcenter.store;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * H2 file system {@code durable:} — the default file system with every file opened for writing in
 * synchronous mode ({@code O_DSYNC}, Java's {@code "rwd"}): a write returns only once its data is on
 * the disk. With {@code WRITE_DELAY=0} H2 writes each commit before the commit returns, so a
 * committed row survives a killed process and a lost machine alike.
 */
public final class SyncWriteFilePath extends FilePathWrapper {

    /** The URL prefix: {@code jdbc:h2:durable:/folder/name}. */
    public static final String SCHEME = "durable";

    /** Makes the {@code durable:} prefix known to H2 (idempotent); before the first connection. */
    public static void register() {
        FilePath.register(new SyncWriteFilePath());
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return getBase().open("rw".equals(mode) ? "rwd" : mode);
    }
}
