package io.unitize.controlcenter.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The door: refuses, with a problem document and before anything else reads the request
 * (authentication included), a body larger than the limit (413: at once when Content-Length says
 * so, otherwise as soon as a reader gets past the limit, as with a chunked body), a Content-Type
 * that is not a media type a body can have (415: unparseable, a wildcard, an unknown charset), and
 * a direct request for the error page (404). Runs first in the filter chain.
 */
final class RequestShapeFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ObjectMapper json;

    RequestShapeFilter(long maxBytes, ObjectMapper json) {
        this.maxBytes = maxBytes;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(request, response);
            return;
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null) {
            String wrong = wrongContentType(contentType);
            if (wrong != null) {
                write(request, response, Problems.withField(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                        "Unsupported media type", "Content-Type '" + Problems.shown(contentType) + "' " + wrong),
                        "Content-Type", wrong));
                return;
            }
        }
        if ("/error".equals(request.getRequestURI())) {
            write(request, response, Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "no such resource: /error is the service's own error page"));
            return;
        }
        try {
            chain.doFilter(new Limited(request, maxBytes), response);
        } catch (IOException | ServletException | RuntimeException e) {
            // a reader outside Spring MVC (a form parser, say) went past the limit
            if (!causedByTooLarge(e) || response.isCommitted()) {
                throw e;
            }
            response.reset();
            refuse(request, response);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        RequestRefusedException refusal = RequestRefusedException.tooLarge(maxBytes);
        ProblemDetail p = Problems.of(refusal.status(), "request-too-large", "Request too large",
                "request body " + refusal.getMessage());
        Problems.withField(p, refusal.field(), refusal.getMessage());
        response.setHeader("Connection", "close");
        write(request, response, p);
    }

    private void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail p) throws IOException {
        p.setInstance(java.net.URI.create(Problems.pathOf(request)));
        response.setStatus(p.getStatus());
        response.setContentType("application/problem+json");
        json.writeValue(response.getOutputStream(), p);
    }

    /** Why a Content-Type cannot describe a body, or null when it can. */
    static String wrongContentType(String value) {
        try {
            MediaType type = MediaType.parseMediaType(value);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                return "is a wildcard: name the body's media type (application/json)";
            }
            return null;
        } catch (InvalidMediaTypeException e) {
            return "is not a media type: " + e.getMessage();
        }
    }

    static boolean causedByTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    /** Thrown by the body's stream past the limit; readers see an I/O error, the API a 413. */
    static final class BodyTooLargeException extends IOException {
        final long limit;

        BodyTooLargeException(long limit) {
            super("request body larger than " + limit + " bytes");
            this.limit = limit;
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long max;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new LimitedStream(super.getInputStream(), max);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset;
            try {
                charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new java.io.UnsupportedEncodingException(encoding);
            }
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class LimitedStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long max;
        private long read;

        LimitedStream(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > max) {
                throw new BodyTooLargeException(max);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
