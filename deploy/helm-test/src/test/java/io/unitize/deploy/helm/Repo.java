package io.unitize.deploy.helm;

import java.nio.file.Files;
import java.nio.file.Path;

/** Folders of the repository, found from the module's working directory upwards. */
public final class Repo {

    private Repo() {
    }

    /** The repository's root: the nearest folder above that has deploy/helm/unitize. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/helm/unitize")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("the repository root (with deploy/helm/unitize) is not above " + Path.of("").toAbsolutePath());
    }

    public static Path dir(String relative) {
        Path p = root().resolve(relative);
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException(p + " is not a folder");
        }
        return p;
    }
}
