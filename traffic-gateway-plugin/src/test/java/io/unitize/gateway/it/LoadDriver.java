package io.unitize.gateway.it;

import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway benchmark's load driver, run as its own JVM (so its JIT and GC are not the gateways'):
 * reads one command a line on stdin, answers one {@code RESULT} line on stdout. Commands (tab-separated):
 * <pre>
 * open    label rate/s seconds maxInFlight url [header: value]...   fixed arrival rate; latency from the DUE time
 * closed  label concurrency seconds url [header: value]...           saturation: each of N loops sends when its answer is in
 * </pre>
 * Open loop: request i is due at t0 + i/rate whatever the answers do; a late send (the driver fell
 * behind) still counts its latency from when it was due, so queueing anywhere shows (no coordinated
 * omission). A due request finding maxInFlight unanswered is not sent and counted {@code notSent}.
 * HTTP/1.1 with keep-alive (reactor-netty, one event-loop thread, up to 2048 connections).
 */
public final class LoadDriver {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;

    private LoadDriver() {
        ConnectionProvider pool = ConnectionProvider.builder("bench").maxConnections(2048).pendingAcquireMaxCount(-1)
                .pendingAcquireTimeout(Duration.ofSeconds(30)).build();
        client = HttpClient.create(pool).runOn(LoopResources.create("bench", 1, true)).responseTimeout(TIMEOUT).keepAlive(true);
    }

    public static void main(String[] args) throws Exception {
        LoadDriver d = new LoadDriver();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        out.println("READY");
        for (String line; (line = in.readLine()) != null; ) {
            if (line.isBlank()) {
                continue;
            }
            if (line.equals("quit")) {
                break;
            }
            try {
                out.println(d.run(line.split("\t")).line());
            } catch (RuntimeException e) {
                out.println("FAILED " + e);
            }
        }
        System.exit(0);
    }

    /** What one phase measured. Latencies in microseconds. */
    record Result(String label, String mode, double offered, long sent, long ok, long non2xx, long errors, long notSent, long unanswered,
                  double seconds, long p50, long p90, long p99, long p999, long max, Map<String, Long> statuses, String sampleError) {

        String line() {
            return String.join("\t", "RESULT", label, mode, Double.toString(offered), Long.toString(sent), Long.toString(ok),
                    Long.toString(non2xx), Long.toString(errors), Long.toString(notSent), Long.toString(unanswered), Double.toString(seconds),
                    Long.toString(p50), Long.toString(p90), Long.toString(p99), Long.toString(p999), Long.toString(max),
                    statuses.toString().replace('\t', ' '), sampleError == null ? "-" : sampleError.replace('\t', ' ').replace('\n', ' '));
        }

        static Result parse(String line) {
            String[] f = line.split("\t", -1);
            if (f.length != 18 || !f[0].equals("RESULT")) {
                throw new IllegalStateException("unexpected driver answer: " + line);
            }
            Map<String, Long> st = new TreeMap<>();
            String inner = f[16].substring(1, f[16].length() - 1);
            if (!inner.isBlank()) {
                for (String kv : inner.split(", ")) {
                    int eq = kv.lastIndexOf('=');
                    st.put(kv.substring(0, eq), Long.parseLong(kv.substring(eq + 1)));
                }
            }
            return new Result(f[1], f[2], Double.parseDouble(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]),
                    Long.parseLong(f[7]), Long.parseLong(f[8]), Long.parseLong(f[9]), Double.parseDouble(f[10]), Long.parseLong(f[11]),
                    Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14]), Long.parseLong(f[15]), st,
                    f[17].equals("-") ? null : f[17]);
        }

        double okPerSecond() {
            return ok / seconds;
        }

        /** Due requests that got no 2xx: non-2xx answers, errors, not sent, no answer. */
        long failed() {
            return non2xx + errors + notSent + unanswered;
        }
    }

    /** Latencies and outcomes of one phase. */
    private static final class Recorder {
        final long[] micros;
        final AtomicInteger n = new AtomicInteger();
        final LongAdder ok = new LongAdder();
        final LongAdder non2xx = new LongAdder();
        final LongAdder errors = new LongAdder();
        final AtomicLong sent = new AtomicLong();
        final AtomicInteger inFlight = new AtomicInteger();
        final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        volatile String sampleError;

        Recorder(int capacity) {
            micros = new long[capacity];
        }

        void answered(long latencyNanos, int status) {
            int i = n.getAndIncrement();
            if (i < micros.length) {
                micros[i] = latencyNanos / 1000;
            }
            if (status / 100 == 2) {
                ok.increment();
            } else {
                non2xx.increment();
            }
            statuses.computeIfAbsent(Integer.toString(status), k -> new LongAdder()).increment();
        }

        void failed(long latencyNanos, Throwable e) {
            int i = n.getAndIncrement();
            if (i < micros.length) {
                micros[i] = latencyNanos / 1000;
            }
            errors.increment();
            statuses.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
            if (sampleError == null) {
                sampleError = e.toString();
            }
        }
    }

    private Result run(String[] c) {
        String mode = c[0];
        String label = c[1];
        if (mode.equals("open")) {
            double rate = Double.parseDouble(c[2]);
            int seconds = Integer.parseInt(c[3]);
            int maxInFlight = Integer.parseInt(c[4]);
            return open(label, rate, seconds, maxInFlight, c[5], headers(c, 6));
        }
        if (mode.equals("closed")) {
            int concurrency = Integer.parseInt(c[2]);
            int seconds = Integer.parseInt(c[3]);
            return closed(label, concurrency, seconds, c[4], headers(c, 5));
        }
        throw new IllegalArgumentException("unknown command " + mode + " (open | closed | quit)");
    }

    private static Map<String, String> headers(String[] c, int from) {
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = from; i < c.length; i++) {
            int colon = c[i].indexOf(':');
            h.put(c[i].substring(0, colon).trim(), c[i].substring(colon + 1).trim());
        }
        return h;
    }

    private Mono<Integer> send(String url, Map<String, String> headers) {
        return client.headers(h -> headers.forEach(h::set)).get().uri(url)
                .responseSingle((resp, body) -> body.asByteArray().defaultIfEmpty(new byte[0]).map(b -> resp.status().code()));
    }

    private Result open(String label, double rate, int seconds, int maxInFlight, String url, Map<String, String> headers) {
        Recorder r = new Recorder((int) (rate * seconds) + 16);
        long period = (long) (1e9 / rate);
        long total = (long) (rate * seconds);
        long notSent = 0;
        long t0 = System.nanoTime() + 5_000_000;
        for (long i = 0; i < total; i++) {
            long due = t0 + i * period;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (r.inFlight.get() >= maxInFlight) {
                notSent++;
                continue;
            }
            r.inFlight.incrementAndGet();
            r.sent.incrementAndGet();
            send(url, headers).subscribe(status -> r.answered(System.nanoTime() - due, status),
                    e -> {
                        r.failed(System.nanoTime() - due, e);
                        r.inFlight.decrementAndGet();
                    }, r.inFlight::decrementAndGet);
        }
        drain(r);
        return result(label, "open", rate, r, notSent, total * period / 1e9);
    }

    private Result closed(String label, int concurrency, int seconds, String url, Map<String, String> headers) {
        Recorder r = new Recorder(200_000 * seconds);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int k = 0; k < concurrency; k++) {
            loop(r, url, headers, end);
        }
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(Math.max(1, end - System.nanoTime()));
        }
        drain(r);
        return result(label, "closed", concurrency, r, 0, seconds);
    }

    private void loop(Recorder r, String url, Map<String, String> headers, long end) {
        if (System.nanoTime() >= end) {
            return;
        }
        long start = System.nanoTime();
        r.inFlight.incrementAndGet();
        r.sent.incrementAndGet();
        send(url, headers).subscribe(status -> {
            r.answered(System.nanoTime() - start, status);
            r.inFlight.decrementAndGet();
            loop(r, url, headers, end);
        }, e -> {
            r.failed(System.nanoTime() - start, e);
            r.inFlight.decrementAndGet();
            loop(r, url, headers, end);
        });
    }

    /** Waits (up to the request timeout plus 5 s) for the answers in flight. */
    private static void drain(Recorder r) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos() + 5_000_000_000L;
        while (r.inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(5_000_000);
        }
    }

    /** {@code seconds}: the phase's nominal length (open loop: first to last due send), which the answered rate divides by. */
    private static Result result(String label, String mode, double offered, Recorder r, long notSent, double seconds) {
        int n = Math.min(r.n.get(), r.micros.length);
        long[] l = Arrays.copyOf(r.micros, n);
        Arrays.sort(l);
        Map<String, Long> st = new TreeMap<>();
        r.statuses.forEach((k, v) -> st.put(k, v.sum()));
        long unanswered = r.sent.get() - r.n.get();
        return new Result(label, mode, offered, r.sent.get(), r.ok.sum(), r.non2xx.sum(), r.errors.sum(), notSent, unanswered, seconds,
                pct(l, 0.50), pct(l, 0.90), pct(l, 0.99), pct(l, 0.999), n == 0 ? -1 : l[n - 1], st, r.sampleError);
    }

    /** Nearest-rank percentile; -1 when nothing was answered. */
    private static long pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return -1;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
