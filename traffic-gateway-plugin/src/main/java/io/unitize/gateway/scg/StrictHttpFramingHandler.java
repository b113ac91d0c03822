package io.unitize.gateway.scg;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.InvalidLineSeparatorException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.unitize.gateway.DecisionCounters;
import io.unitize.gateway.GatewayHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

/**
 * Refuses, right after Netty's HTTP/1.1 decoder and before anything routes the request, every
 * request whose framing a proxy in front of the gateway could read differently (request
 * smuggling): both {@code Content-Length} and {@code Transfer-Encoding}; a {@code Transfer-Encoding}
 * that does not end in {@code chunked}; lines ended by a bare LF; conflicting lengths; and any other
 * request Netty could not decode, or whose target is not visible ASCII. Answer: 400 (414/431 for
 * oversize lines and headers) with a problem document naming the fault, then the connection is closed
 * (RFC 9112 section 6.3). One instance per connection.
 */
final class StrictHttpFramingHandler extends ChannelInboundHandlerAdapter {

    static final String NAME = "unitize.strictFraming";
    private static final Logger log = LoggerFactory.getLogger(StrictHttpFramingHandler.class);

    private final String unit;
    private final DecisionCounters counters;
    private boolean refused;

    StrictHttpFramingHandler(String unit, DecisionCounters counters) {
        this.unit = unit;
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg); // the rest of a refused connection is never read as requests
            return;
        }
        if (msg instanceof HttpRequest request) {
            Fault fault = fault(request);
            if (fault != null) {
                refused = true;
                ReferenceCountUtil.release(msg);
                refuse(ctx, fault);
                return;
            }
        } else if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            // a malformed body (a bad chunk) after the head was passed on: nothing can be answered in the middle of the
            // exchange; close the connection so that no byte after it is read as a request
            refused = true;
            ReferenceCountUtil.release(msg);
            log.debug("UNITIZE-GW-040 malformed request body on {}: {}", ctx.channel(), content.decoderResult().cause().toString());
            counters.badFraming();
            ctx.close();
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private record Fault(HttpResponseStatus status, String reason) {
    }

    private static Fault fault(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                return new Fault(HttpResponseStatus.REQUEST_URI_TOO_LONG, "the request line is longer than the gateway accepts");
            }
            if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
                return new Fault(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "the header block is larger than the gateway accepts");
            }
            if (cause instanceof InvalidLineSeparatorException) {
                return new Fault(HttpResponseStatus.BAD_REQUEST, "a line of the request head is ended by a bare LF; HTTP/1.1 lines end with "
                        + "CRLF");
            }
            String m = String.valueOf(cause.getMessage());
            if (m.contains("Content-Length") && m.contains("Transfer-Encoding")) {
                return new Fault(HttpResponseStatus.BAD_REQUEST, "the request has both Content-Length and Transfer-Encoding: its length is "
                        + "ambiguous");
            }
            return new Fault(HttpResponseStatus.BAD_REQUEST, "the request cannot be parsed as HTTP/1.1: " + printable(m));
        }
        String method = request.method().name();
        if (!isToken(method)) {
            return new Fault(HttpResponseStatus.BAD_REQUEST, "the method " + printable(method) + " is not an HTTP token");
        }
        if (method.equals("CONNECT")) {
            return new Fault(HttpResponseStatus.BAD_REQUEST, "CONNECT (a tunnel) is not served by the gateway");
        }
        if (!HttpVersion.HTTP_1_1.equals(request.protocolVersion()) && !HttpVersion.HTTP_1_0.equals(request.protocolVersion())) {
            return new Fault(HttpResponseStatus.BAD_REQUEST, "HTTP version " + printable(request.protocolVersion().text())
                    + " is not served here; send HTTP/1.1");
        }
        HttpHeaders h = request.headers();
        List<String> te = h.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (!te.isEmpty()) {
            if (h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
                return new Fault(HttpResponseStatus.BAD_REQUEST, "the request has both Content-Length and Transfer-Encoding: its length is "
                        + "ambiguous");
            }
            String last = te.get(te.size() - 1);
            int comma = last.lastIndexOf(',');
            String lastCoding = (comma < 0 ? last : last.substring(comma + 1)).trim().toLowerCase(Locale.ROOT);
            if (!lastCoding.equals("chunked")) {
                return new Fault(HttpResponseStatus.BAD_REQUEST, "Transfer-Encoding " + printable(String.join(", ", te))
                        + " does not end in chunked: the request's length cannot be determined");
            }
        }
        String target = request.uri();
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return new Fault(HttpResponseStatus.BAD_REQUEST, "the request target contains a byte that is not visible ASCII (0x"
                        + Integer.toHexString(c) + " at position " + i + "); percent-encode it");
            }
        }
        return null;
    }

    private void refuse(ChannelHandlerContext ctx, Fault fault) {
        counters.badFraming();
        log.debug("UNITIZE-GW-040 refused on {}: {}", ctx.channel(), fault.reason());
        String detail = "UNITIZE-GW-040 request refused before routing: " + fault.reason()
                + ". Nothing was forwarded and the connection is closed; send one well-framed HTTP/1.1 request";
        byte[] body = ProblemJson.of(fault.status().code(), fault.status().reasonPhrase(), detail);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, fault.status(), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(GatewayHeaders.SERVED_BY, unit);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** RFC 9110 token: 1*tchar. */
    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 200; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return b.toString();
    }
}
