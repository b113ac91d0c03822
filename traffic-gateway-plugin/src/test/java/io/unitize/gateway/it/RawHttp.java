package io.unitize.gateway.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** HTTP/1.1 on a plain socket: exactly the bytes given go out, so malformed framing reaches the gateway as written. */
final class RawHttp {

    /** What came back: the status (-1 when the connection closed without an answer), header lines and the rest. */
    record Answer(int status, List<String> headers, String body, String raw) {

        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(prefix)).map(h -> h.substring(prefix.length()).trim())
                    .findFirst().orElse(null);
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} (ISO-8859-1 bytes) and reads one answer (or the close); no answer within 30 s fails (a hang guard). */
    static Answer send(int port, String request) throws IOException {
        Answer a = send(port, request.getBytes(StandardCharsets.ISO_8859_1), 30_000);
        if (a.status() == NO_ANSWER_YET) {
            throw new AssertionError("no answer and no close within 30 s for: " + printable(request));
        }
        return a;
    }

    /** The status of an answer that did not come within the wait while the connection stayed open (the gateway waits for more bytes). */
    static final int NO_ANSWER_YET = -2;

    /**
     * Writes {@code request} without closing the sending side (a half-close would end the exchange
     * before a proxied answer arrives) and reads until one answer is complete or the gateway closes.
     */
    static Answer send(int port, byte[] request, int waitMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(waitMillis);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the gateway may answer and close before it read everything (a header block too large): read what it said
            }
            boolean head = request.length >= 5 && new String(request, 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ");
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buf = new byte[8192];
            try {
                while (true) {
                    int n = in.read(buf);
                    if (n < 0) {
                        break;
                    }
                    got.write(buf, 0, n);
                    if (complete(got.toString(StandardCharsets.ISO_8859_1), head)) {
                        break;
                    }
                }
            } catch (SocketTimeoutException e) {
                String partial = got.toString(StandardCharsets.ISO_8859_1);
                return new Answer(NO_ANSWER_YET, List.of(), partial, partial);
            } catch (IOException e) {
                // reset by the gateway after (or instead of) an answer: take what arrived
            }
            return parse(got.toString(StandardCharsets.ISO_8859_1));
        }
    }

    /** One final (non-1xx) answer with its whole body (none for HEAD, 204, 304) has arrived. */
    private static boolean complete(String raw, boolean head) {
        while (raw.startsWith("HTTP/1.1 100") || raw.startsWith("HTTP/1.0 100")) {
            int e = raw.indexOf("\r\n\r\n");
            if (e < 0) {
                return false;
            }
            raw = raw.substring(e + 4);
        }
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        Answer answer = parse(raw);
        if (head || answer.status() == 204 || answer.status() == 304) {
            return true;
        }
        String length = answer.header("Content-Length");
        if (length != null) {
            return raw.length() - end - 4 >= Integer.parseInt(length.trim());
        }
        if ("chunked".equalsIgnoreCase(answer.header("Transfer-Encoding"))) {
            return raw.endsWith("0\r\n\r\n");
        }
        return false; // read until close
    }

    static Answer parse(String raw) {
        while (raw.startsWith("HTTP/1.1 100") || raw.startsWith("HTTP/1.0 100")) {
            int e = raw.indexOf("\r\n\r\n");
            raw = e < 0 ? "" : raw.substring(e + 4);
        }
        int end = raw.indexOf("\r\n\r\n");
        if (!raw.startsWith("HTTP/1.") || end < 0) {
            return new Answer(-1, List.of(), raw, raw);
        }
        String[] lines = raw.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
        return new Answer(status, headers, raw.substring(end + 4), raw);
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '\r') {
                b.append("\\r");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.length() > 300 ? b.substring(0, 300) + "...(" + b.length() + " chars)" : b.toString();
    }
}
