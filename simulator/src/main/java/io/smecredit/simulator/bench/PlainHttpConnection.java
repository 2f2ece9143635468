package io.smecredit.simulator.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One keep-alive HTTP/1.1 connection of a load gateway, as lean as wrk's: the request head and body go out in one
 * write, the answer is read with Content-Length or chunked framing. The JDK's {@code java.net.http} client spends a
 * few microseconds of CPU per event on 500-event posts (selector thread, body publisher, futures), which on a two-core
 * machine is taken from the service being measured; this connection spends almost none. Not thread-safe: one per
 * gateway thread. Reconnects on the next request after an error or a {@code Connection: close}.
 */
final class PlainHttpConnection implements AutoCloseable {

    /** An answer: status code and body as text. */
    record Answer(int status, String body) {
    }

    private final String host;
    private final int port;
    /** Request line and Host header, the same for every request of this connection. */
    private final String headStart;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    PlainHttpConnection(URI target) {
        if (!"http".equals(target.getScheme())) {
            throw new IllegalArgumentException("plain HTTP only, got " + target);
        }
        this.host = target.getHost();
        this.port = target.getPort() < 0 ? 80 : target.getPort();
        String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
        this.headStart = "POST " + path + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery())
                + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n";
    }

    /** POSTs {@code body} with the given bearer token and content type; reconnects if the connection was closed. */
    Answer post(String bearerToken, String contentType, byte[] body) throws IOException {
        if (socket == null) {
            connect();
        }
        try {
            return exchange(bearerToken, contentType, body);
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    private Answer exchange(String bearerToken, String contentType, byte[] body) throws IOException {
        byte[] head = ascii(headStart + "Authorization: Bearer " + bearerToken + "\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\n\r\n");
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        out.write(request);
        out.flush();

        String statusLine = line();
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        long contentLength = -1;
        boolean chunked = false;
        boolean close = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase().contains("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        byte[] answer;
        if (chunked) {
            answer = chunkedBody();
        } else if (contentLength >= 0) {
            answer = in.readNBytes((int) contentLength);
            if (answer.length < contentLength) {
                throw new EOFException("answer ended after " + answer.length + " of " + contentLength + " bytes");
            }
        } else {
            answer = in.readAllBytes();
            close = true;
        }
        if (close) {
            close();
        }
        return new Answer(status, new String(answer, StandardCharsets.UTF_8));
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int extension = size.indexOf(';');
            int length = Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            if (length == 0) {
                while (!line().isEmpty()) {
                    // trailers, ignored
                }
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(length);
            if (chunk.length < length) {
                throw new EOFException("chunk ended early");
            }
            body.writeBytes(chunk);
            line();
        }
    }

    /** One header line without its CRLF. */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(60_000);
        s.connect(new InetSocketAddress(host, port), 10_000);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = s.getOutputStream();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken connection: nothing left to release
            }
        }
        socket = null;
        in = null;
        out = null;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
