package io.unitize.drill.it;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The drill's readiness check, before any load: every service answers a REAL order in both units —
 * through every gateway, for a buyer of every unit: place (the order service of the buyer's home
 * unit, the center's inventory over Dubbo, the database guard), get, list, cancel (the release, the
 * order events) — until a few rounds in a row answer 2xx to everything. The answer to
 * {@code /api/products} (what the processes wait for) needs none of that; cold JVMs on a busy
 * machine answer a first order only after seconds (Dubbo's first connection, the first parse of
 * each statement), and a drill must not count its own warm-up as client errors. The warm-up's buyers
 * ({@link #WARM_UP_BUYERS} + slot) are in no scenario.
 */
final class Readiness {

    /** Base of the warm-up's buyer ids (the scenarios use 10 000 - 49 999, the checker's self-test 94 100 - 96 101). */
    static final long WARM_UP_BUYERS = 80_000;
    private static final int CLEAN_ROUNDS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> gateways;
    private final List<Long> buyers;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** {@code buyers}: one of each unit. */
    Readiness(List<String> gateways, List<Long> buyers) {
        this.gateways = List.copyOf(gateways);
        this.buyers = List.copyOf(buyers);
    }

    /** Rounds until {@value #CLEAN_ROUNDS} in a row answer every request 2xx; fails naming the last refusal after {@code max}. */
    String await(Duration max) throws Exception {
        long start = System.nanoTime();
        long deadline = start + max.toNanos();
        int rounds = 0;
        int clean = 0;
        int refused = 0;
        String last = null;
        while (clean < CLEAN_ROUNDS) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("UNITIZE-DRILL-030 the shop did not answer a whole round of real orders within " + max
                        + " (" + rounds + " rounds); last refusal: " + last + ". Next: see target/drill-shop-<unit>/shop.log");
            }
            rounds++;
            List<String> bad = round();
            refused += bad.size();
            if (bad.isEmpty()) {
                clean++;
            } else {
                clean = 0;
                last = bad.get(0);
                Thread.sleep(500);
            }
        }
        return String.format(java.util.Locale.ROOT, "%d rounds of %d requests (place, get, list, cancel per gateway and buyer's unit) in %.1f s, "
                + "%d answers not 2xx before %d clean rounds in a row%s", rounds, 4 * gateways.size() * buyers.size(),
                (System.nanoTime() - start) / 1e9, refused, CLEAN_ROUNDS, last == null ? "" : " (last: " + last + ")");
    }

    private List<String> round() throws InterruptedException {
        List<String> bad = new ArrayList<>();
        for (String gw : gateways) {
            for (long buyer : buyers) {
                try {
                    HttpResponse<String> placed = send(HttpRequest.newBuilder(URI.create(gw + "/api/orders"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"items\":[{\"productId\":1,\"quantity\":1}]}")), buyer);
                    if (placed.statusCode() != 201) {
                        bad.add(what("place", gw, buyer, placed));
                        continue;
                    }
                    long id = JSON.readTree(placed.body()).path("id").asLong(-1);
                    if (id < 0) {
                        bad.add("place via " + gw + " for buyer " + buyer + ": no id in " + placed.body());
                        continue;
                    }
                    HttpResponse<String> got = send(HttpRequest.newBuilder(URI.create(gw + "/api/orders/" + id)).GET(), buyer);
                    if (got.statusCode() != 200) {
                        bad.add(what("get", gw, buyer, got));
                    }
                    HttpResponse<String> list = send(HttpRequest.newBuilder(URI.create(gw + "/api/buyers/" + buyer + "/orders")).GET(), buyer);
                    if (list.statusCode() != 200) {
                        bad.add(what("list", gw, buyer, list));
                    }
                    HttpResponse<String> cancel = send(HttpRequest.newBuilder(URI.create(gw + "/api/orders/" + id + "/cancel"))
                            .POST(HttpRequest.BodyPublishers.noBody()), buyer);
                    if (cancel.statusCode() != 200) {
                        bad.add(what("cancel", gw, buyer, cancel));
                    }
                } catch (java.io.IOException e) {
                    bad.add("via " + gw + " for buyer " + buyer + ": " + e);
                }
            }
        }
        return bad;
    }

    private static String what(String op, String gw, long buyer, HttpResponse<String> r) {
        String body = r.body() == null ? "" : r.body();
        return op + " via " + gw + " for buyer " + buyer + ": " + r.statusCode() + " " + (body.length() > 200 ? body.substring(0, 200) + "…" : body);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, long buyer) throws java.io.IOException, InterruptedException {
        return http.send(b.header("X-Buyer-Id", Long.toString(buyer)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
