package io.unitize.drill;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop shop traffic: requests are SCHEDULED at a fixed arrival rate, whatever the answers do
 * (a slow answer does not slow the next send), alternately through each unit's gateway, for a fixed
 * set of buyers. Mix: place 50 %, get one of the buyer's acknowledged orders 25 %, list 15 %,
 * cancel 10 %. Every answer is kept as a {@link Sample}.
 */
public final class OpenLoopLoad implements AutoCloseable {

    private final List<String> gateways;
    private final List<Long> buyers;
    private final double ratePerSecond;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<Sample> samples = new CopyOnWriteArrayList<>();
    private final Map<Long, PlacedOrder> placed = new ConcurrentHashMap<>();
    private final Map<Long, Long> cancelAcknowledgedAt = new ConcurrentHashMap<>();
    private final Map<Long, List<Long>> ordersOfBuyer = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean running;
    private Thread dispatcher;
    private volatile long startedAt;

    /** {@code gateways}: base URLs (one per unit); {@code buyers}: the buyers to act for. */
    public OpenLoopLoad(List<String> gateways, List<Long> buyers, double ratePerSecond, long seed) {
        if (ratePerSecond <= 0 || ratePerSecond > 2_000) {
            throw new IllegalArgumentException("UNITIZE-DRILL-020 rate must be in (0, 2000] requests/s, but was " + ratePerSecond);
        }
        this.gateways = List.copyOf(gateways);
        this.buyers = List.copyOf(buyers);
        this.ratePerSecond = ratePerSecond;
        this.random = new Random(seed);
    }

    public double rate() {
        return ratePerSecond;
    }

    public long startedAt() {
        return startedAt;
    }

    public synchronized void start() {
        running = true;
        startedAt = System.currentTimeMillis();
        dispatcher = new Thread(this::dispatch, "drill-load");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    private void dispatch() {
        long periodNanos = (long) (1e9 / ratePerSecond);
        long t0Nanos = System.nanoTime();
        long t0Millis = System.currentTimeMillis();
        for (long i = 0; running; i++) {
            long dueNanos = t0Nanos + i * periodNanos;
            long wait;
            while ((wait = dueNanos - System.nanoTime()) > 0 && running) {
                LockSupport.parkNanos(Math.min(wait, 50_000_000L));
            }
            if (!running) {
                break;
            }
            long scheduledAt = t0Millis + (dueNanos - t0Nanos) / 1_000_000;
            fire(i, dueNanos, scheduledAt);
        }
    }

    private void fire(long i, long dueNanos, long scheduledAt) {
        String via = gateways.get((int) (i % gateways.size()));
        long buyer;
        int dice;
        synchronized (random) {
            buyer = buyers.get(random.nextInt(buyers.size()));
            dice = random.nextInt(100);
        }
        List<Long> mine = ordersOfBuyer.getOrDefault(buyer, List.of());
        Sample.Op op = dice < 50 || mine.isEmpty() ? Sample.Op.PLACE : dice < 75 ? Sample.Op.GET : dice < 90 ? Sample.Op.LIST : Sample.Op.CANCEL;
        long orderId = -1;
        HttpRequest.Builder b;
        Map<Long, Integer> lines = new LinkedHashMap<>();
        switch (op) {
            case PLACE -> {
                int n;
                synchronized (random) {
                    n = 1 + random.nextInt(2);
                    while (lines.size() < n) {
                        lines.put(1L + random.nextInt(3), 1 + random.nextInt(3));
                    }
                }
                StringBuilder body = new StringBuilder("{\"items\":[");
                lines.forEach((p, q) -> body.append(body.charAt(body.length() - 1) == '[' ? "" : ",")
                        .append("{\"productId\":").append(p).append(",\"quantity\":").append(q).append('}'));
                body.append("]}");
                b = HttpRequest.newBuilder(URI.create(via + "/api/orders")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
            }
            case GET -> {
                synchronized (random) {
                    orderId = mine.get(random.nextInt(mine.size()));
                }
                b = HttpRequest.newBuilder(URI.create(via + "/api/orders/" + orderId)).GET();
            }
            case LIST -> b = HttpRequest.newBuilder(URI.create(via + "/api/buyers/" + buyer + "/orders")).GET();
            default -> {
                synchronized (random) {
                    orderId = mine.get(random.nextInt(mine.size()));
                }
                if (cancelAcknowledgedAt.containsKey(orderId)) {
                    op = Sample.Op.GET; // cancelled already: read it instead (a stale cache would show it PLACED)
                    b = HttpRequest.newBuilder(URI.create(via + "/api/orders/" + orderId)).GET();
                } else {
                    b = HttpRequest.newBuilder(URI.create(via + "/api/orders/" + orderId + "/cancel"))
                            .POST(HttpRequest.BodyPublishers.noBody());
                }
            }
        }
        HttpRequest request = b.header("X-Buyer-Id", Long.toString(buyer)).timeout(Duration.ofSeconds(10)).build();
        long sentAt = System.currentTimeMillis();
        Sample.Op fop = op;
        long fid = orderId;
        inFlight.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
            try {
                long doneNanos = System.nanoTime();
                long answeredAt = System.currentTimeMillis();
                double latency = (doneNanos - dueNanos) / 1e6;
                if (e != null) {
                    samples.add(new Sample(fop, buyer, via, scheduledAt, sentAt, answeredAt, latency, 0, false,
                            e.getClass().getSimpleName() + ": " + e.getMessage(), fid, null));
                    return;
                }
                long id = fid;
                String orderStatus = null;
                if (r.statusCode() / 100 == 2 && fop != Sample.Op.LIST) {
                    JsonNode j = ControlCenterClient.JSON.readTree(r.body());
                    id = j.path("id").asLong();
                    orderStatus = j.path("status").asText();
                    if (fop == Sample.Op.PLACE) {
                        placed.put(id, new PlacedOrder(id, buyer, lines, answeredAt, j.path("servedByUnit").asText()));
                        ordersOfBuyer.computeIfAbsent(buyer, k -> new CopyOnWriteArrayList<>()).add(id);
                    } else if (fop == Sample.Op.CANCEL) {
                        cancelAcknowledgedAt.putIfAbsent(id, answeredAt);
                    }
                }
                String error = r.statusCode() / 100 == 2 ? null : abbreviate(r.body());
                samples.add(new Sample(fop, buyer, via, scheduledAt, sentAt, answeredAt, latency, r.statusCode(),
                        r.headers().firstValue("Retry-After").isPresent(), error, id, orderStatus));
            } catch (Exception parse) {
                samples.add(new Sample(fop, buyer, via, scheduledAt, sentAt, System.currentTimeMillis(), 0, -1, false,
                        "unreadable answer: " + parse.getMessage(), fid, null));
            } finally {
                inFlight.decrementAndGet();
            }
        });
    }

    /** An error body as kept in a sample: whole up to 4,000 characters (a problem document is far shorter), so the checker can read its code. */
    private static String abbreviate(String s) {
        return abbreviate(s, 4_000);
    }

    static String abbreviate(String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) + "…" : s;
    }

    /** Stops scheduling and waits (bounded by the request timeout) for the answers in flight. */
    public void stop() throws InterruptedException {
        running = false;
        if (dispatcher != null) {
            dispatcher.join(5_000);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    public List<Sample> samples() {
        List<Sample> s = new ArrayList<>(samples);
        s.sort((a, b) -> Long.compare(a.scheduledAt(), b.scheduledAt()));
        return Collections.unmodifiableList(s);
    }

    public Map<Long, PlacedOrder> placed() {
        return Map.copyOf(placed);
    }

    public Map<Long, Long> cancelAcknowledgedAt() {
        return Map.copyOf(cancelAcknowledgedAt);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
