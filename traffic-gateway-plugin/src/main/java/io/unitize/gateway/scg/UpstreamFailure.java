package io.unitize.gateway.scg;

import io.netty.channel.ConnectTimeoutException;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;

/**
 * Why a request could not be proxied to the next hop (the route's backend or the home unit's
 * gateway), when the cause is capacity or reachability rather than a fault of the gateway: these are
 * answered 503 with Retry-After and a problem document, never Spring's 500. Anything else is left to
 * the framework.
 */
enum UpstreamFailure {

    /**
     * No connection to the next hop in time: the connection pool's pending-acquire limit or
     * acquire timeout was hit, or the process is out of file descriptors. The request was not sent.
     */
    OVERLOADED("the gateway is over its connection limit to %s (%s); the request was not sent"),
    /** The next hop could not be connected to (refused, timed out, unknown host). The request was not sent. */
    UNREACHABLE("%s cannot be reached (%s); the request was not sent"),
    /** The connection was closed or reset before an answer came: the next hop may or may not have processed the request. */
    CLOSED("%s closed the connection before answering (%s); it may or may not have processed the request");

    private final String format;

    UpstreamFailure(String format) {
        this.format = format;
    }

    /** The sentence for a problem document: {@code target} is the next hop, {@code e} the failure (its matching cause is named). */
    String describe(String target, Throwable e) {
        Throwable cause = e;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (classify(t) != null) {
                cause = t;
                break;
            }
        }
        return String.format(format, target, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    /** The failure {@code e} stands for, looking through its causes; null when it is none of these. */
    static UpstreamFailure of(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            UpstreamFailure f = classify(t);
            if (f != null) {
                return f;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    private static UpstreamFailure classify(Throwable t) {
        String name = t.getClass().getSimpleName();
        // reactor-pool's exceptions (shaded into reactor-netty): matched by name, their package is internal
        if (name.equals("PoolAcquirePendingLimitException") || name.equals("PoolAcquireTimeoutException")) {
            return OVERLOADED;
        }
        String m = String.valueOf(t.getMessage());
        if (t instanceof IOException && m.contains("Too many open files")) {
            return OVERLOADED;
        }
        if (t instanceof ConnectException || t instanceof ConnectTimeoutException || t instanceof UnknownHostException
                || t instanceof NoRouteToHostException) {
            return UNREACHABLE;
        }
        // measured (issue 25's overload rounds against a JDK HTTP server backend that closes surplus keep-alive connections):
        // PrematureCloseException, "Connection reset by peer", AbortedException "closed BEFORE send operation" and the pool's
        // "Error while acquiring from ..." (a pooled connection found closed), each answered 500 by Spring Cloud Gateway alone
        if (t instanceof PrematureCloseException || t instanceof AbortedException || t instanceof ClosedChannelException
                || t instanceof IOException && (m.contains("Connection reset") || m.contains("Broken pipe") || m.startsWith("Error while acquiring from"))) {
            return CLOSED;
        }
        return null;
    }
}
