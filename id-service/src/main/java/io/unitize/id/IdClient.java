package io.unitize.id;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client of {@link IdHttpServer} that buffers IDs locally: it fetches {@code batch} IDs at a
 * time and fetches the next batch in the background when fewer than {@code lowWater} are left, so
 * a call is a buffer read and the client keeps serving while the service is briefly unreachable.
 * Given several instances of the service (same unit), a fetch that cannot reach one (connection
 * refused, timeout, 503) tries the next and sticks to the one that answered: an instance going away
 * costs no error as long as another serves. When the buffer is empty and no instance can be
 * reached: {@link IdServiceUnavailableException}.
 */
public final class IdClient {

    private final URI[] uris;
    private volatile int preferred;
    private final String tag;
    private final int batch;
    private final int lowWater;
    private final HttpClient http;
    private final Duration timeout;
    private final long[] buffer;
    private int head;
    private int size;
    private final AtomicBoolean refilling = new AtomicBoolean();
    private final String token;

    public IdClient(String baseUrl, String tag, int batch, int lowWater, Duration timeout) {
        this(java.util.List.of(baseUrl), tag, batch, lowWater, timeout);
    }

    /** A client of several instances of the service ({@code http://host:port} each), tried in order on failure. */
    public IdClient(java.util.List<String> baseUrls, String tag, int batch, int lowWater, Duration timeout) {
        this(baseUrls, tag, batch, lowWater, timeout, null);
    }

    /**
     * A client of instances that require a token ({@link IdHttpAccess}): sent as
     * {@code Authorization: Bearer <token>}; null sends none.
     */
    public IdClient(java.util.List<String> baseUrls, String tag, int batch, int lowWater, Duration timeout, String token) {
        this.token = token == null || token.isBlank() ? null : token;
        if (baseUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one ID service URL is needed");
        }
        if (batch < 1 || batch > LocalIdService.MAX_COUNT) {
            throw new IllegalArgumentException("batch must be within 1.." + LocalIdService.MAX_COUNT + ", but was " + batch);
        }
        if (lowWater < 0 || lowWater >= batch) {
            throw new IllegalArgumentException("lowWater must be within 0.." + (batch - 1) + ", but was " + lowWater);
        }
        this.uris = baseUrls.stream().map(u -> URI.create(u + "/api/v1/ids/" + tag + "?count=" + batch)).toArray(URI[]::new);
        this.tag = tag;
        this.batch = batch;
        this.lowWater = lowWater;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.buffer = new long[batch * 2];
    }

    /**
     * @throws UnknownTagException if the service does not serve the tag
     * @throws IdServiceUnavailableException if the buffer is empty and the service cannot be reached
     */
    public long nextId() {
        synchronized (this) {
            if (size > 0) {
                long id = buffer[head];
                head = (head + 1) % buffer.length;
                size--;
                if (size < lowWater) {
                    refillInBackground();
                }
                return id;
            }
        }
        add(fetch()); // empty: fetch in the caller
        return nextId();
    }

    /** IDs left in the local buffer. */
    public synchronized int buffered() {
        return size;
    }

    private void refillInBackground() {
        if (refilling.compareAndSet(false, true)) {
            CompletableFuture.runAsync(() -> {
                try {
                    add(fetch());
                } catch (RuntimeException e) {
                    // the buffer still serves; the next call past lowWater tries again
                } finally {
                    refilling.set(false);
                }
            });
        }
    }

    private synchronized void add(long[] ids) {
        int free = buffer.length - size;
        int n = Math.min(free, ids.length); // never more than two batches buffered; the rest is skipped (never reused)
        for (int i = 0; i < n; i++) {
            buffer[(head + size) % buffer.length] = ids[i];
            size++;
        }
    }

    private long[] fetch() {
        IdServiceUnavailableException last = null;
        int first = preferred;
        for (int i = 0; i < uris.length; i++) {
            int index = (first + i) % uris.length;
            try {
                long[] ids = fetch(uris[index]);
                preferred = index;
                return ids;
            } catch (IdServiceUnavailableException e) {
                last = e; // this instance is down or cannot reach its database: try the next
            }
        }
        throw last;
    }

    private long[] fetch(URI uri) {
        HttpResponse<String> r;
        try {
            HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(timeout).GET();
            if (token != null) {
                req.header("Authorization", "Bearer " + token);
            }
            r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IdServiceUnavailableException("UNITIZE-ID-031 ID service " + uri + " unreachable and no buffered ID of "
                    + tag + " left: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IdServiceUnavailableException("interrupted while fetching IDs of " + tag, e);
        }
        if (r.statusCode() == 404) {
            throw new UnknownTagException(tag, uri.getHost() + ":" + uri.getPort());
        }
        if (r.statusCode() == 401) {
            throw new IdServiceUnavailableException("UNITIZE-ID-035 ID service " + uri + " refused this client (401, "
                    + (token == null ? "no token sent" : "token not accepted") + "): " + r.body()
                    + "; give the client one of the service's unitize.id.http.tokens", null);
        }
        if (r.statusCode() != 200) {
            throw new IdServiceUnavailableException("UNITIZE-ID-032 ID service " + uri + " answered " + r.statusCode() + ": "
                    + r.body(), null);
        }
        return parseIds(r.body(), batch);
    }

    static long[] parseIds(String json, int expected) {
        int start = json.indexOf("\"ids\":[");
        int end = json.indexOf(']', start);
        if (start < 0 || end < 0) {
            throw new IdServiceUnavailableException("UNITIZE-ID-033 unexpected answer of the ID service: " + json, null);
        }
        String[] parts = json.substring(start + 7, end).split(",");
        long[] ids = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            ids[i] = Long.parseLong(parts[i].trim());
        }
        if (ids.length != expected) {
            throw new IdServiceUnavailableException("UNITIZE-ID-033 asked for " + expected + " IDs, got " + ids.length, null);
        }
        return ids;
    }
}
