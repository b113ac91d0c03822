package io.unitize.gateway.it;

import io.unitize.gateway.it.LoadDriver.Result;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@link LoadDriver} in its own JVM (this JVM's class path), driven line by line. */
final class BenchDriverProcess implements AutoCloseable {

    /** One driver phase. */
    @FunctionalInterface
    interface Call {
        Result call() throws Exception;
    }

    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    private BenchDriverProcess(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static BenchDriverProcess start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xms256m", "-Xmx512m", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                LoadDriver.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BenchDriverProcess d = new BenchDriverProcess(p);
        String first = d.nextAnswer();
        if (!"READY".equals(first)) {
            p.destroyForcibly();
            throw new IllegalStateException("the load driver did not start: " + first);
        }
        return d;
    }

    Result open(String label, double rate, int seconds, int maxInFlight, String url, List<String> headers) throws IOException {
        List<String> c = new ArrayList<>(List.of("open", label, Double.toString(rate), Integer.toString(seconds), Integer.toString(maxInFlight), url));
        c.addAll(headers);
        return call(c);
    }

    Result closed(String label, int concurrency, int seconds, String url, List<String> headers) throws IOException {
        List<String> c = new ArrayList<>(List.of("closed", label, Integer.toString(concurrency), Integer.toString(seconds), url));
        c.addAll(headers);
        return call(c);
    }

    private synchronized Result call(List<String> command) throws IOException {
        in.write(String.join("\t", command) + "\n");
        in.flush();
        String line = nextAnswer();
        if (line == null || !line.startsWith("RESULT")) {
            throw new IllegalStateException("the load driver failed on " + command.get(0) + " " + command.get(1) + ": " + line);
        }
        return Result.parse(line);
    }

    /** The driver's next answer line (READY, RESULT, FAILED), skipping what its libraries log to stdout. */
    private String nextAnswer() throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("READY") || line.startsWith("RESULT\t") || line.startsWith("FAILED ")) {
                return line;
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        try {
            in.write("quit\n");
            in.flush();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
