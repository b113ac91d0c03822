package io.unitize.drill.it;

import io.unitize.drill.DrillReport;
import io.unitize.drill.ScenarioResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a scenario's markdown section and its SVG plot into a results folder. */
final class Results {

    private Results() {
    }

    static String write(Path dir, String prefix, ScenarioResult r) throws IOException {
        Files.createDirectories(dir);
        String svg = prefix + "-" + r.name().replaceAll("[^a-zA-Z0-9]+", "-").toLowerCase() + ".svg";
        Files.writeString(dir.resolve(svg), DrillReport.svg(r));
        return DrillReport.markdown(r, svg);
    }
}
