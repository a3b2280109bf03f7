package io.holdfast.slack;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rejects every request whose Slack signature doesn't verify before anything else looks at it.
 *
 * <p>The signature covers the raw body, so the body has to be read here; what is passed on is a wrapper that
 * replays those bytes through {@code getInputStream()}, {@code getReader()} and the {@code getParameter*} family,
 * whichever the servlet behind it reads.
 */
public final class SlackSignatureFilter extends HttpFilter {

    /** Slack payloads are a few KiB; anything near this is not from Slack. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final long DRAIN_LIMIT_BYTES = 4L * MAX_BODY_BYTES;

    static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    static final String SIGNATURE_HEADER = "X-Slack-Signature";

    private static final Logger log = LoggerFactory.getLogger(SlackSignatureFilter.class);

    private final SlackRequestVerifier verifier;

    public SlackSignatureFilter(SlackRequestVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getContentLengthLong() > MAX_BODY_BYTES) {
            // Refused unread, but a modest overrun is drained first: closing on a client still sending resets
            // the connection, and it would see a broken pipe instead of the 413.
            if (request.getContentLengthLong() <= DRAIN_LIMIT_BYTES) {
                request.getInputStream().transferTo(OutputStream.nullOutputStream());
            }
            reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request body too large");
            return;
        }
        // One byte past the cap tells a too-large chunked body apart from one that is exactly at the cap.
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            reject(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "request body too large");
            return;
        }
        if (!verifier.isValid(request.getHeader(TIMESTAMP_HEADER), request.getHeader(SIGNATURE_HEADER), body)) {
            // Neither the secret nor the presented signature is logged: the latter is attacker-controlled input.
            log.info("Rejected a request to {} from {}: missing, stale or wrong Slack signature",
                    request.getRequestURI(), request.getRemoteAddr());
            reject(response, HttpServletResponse.SC_UNAUTHORIZED, "invalid Slack signature");
            return;
        }
        chain.doFilter(new ReplayedBodyRequest(request, body), response);
    }

    private static void reject(HttpServletResponse response, int status, String message) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().write(message);
    }

    /** Serves the already-read body again, as many times and through whichever API the servlet prefers. */
    private static final class ReplayedBodyRequest extends HttpServletRequestWrapper {

        private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

        private final byte[] body;
        private Map<String, String[]> parameters;

        ReplayedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            return new ReplayInputStream(body);
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), bodyCharset()));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        // The container would parse form parameters from the input stream this filter has already drained,
        // so they are parsed here from the buffered copy instead.
        @Override
        public String getParameter(String name) {
            String[] values = parameters().get(name);
            return values == null ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters().get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters().keySet());
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters();
        }

        private synchronized Map<String, String[]> parameters() {
            if (parameters == null) {
                Map<String, List<String>> collected = new LinkedHashMap<>();
                // As the servlet spec orders them: query string values first, then the form body's.
                addPairs(collected, getQueryString(), StandardCharsets.UTF_8);
                if (isForm()) {
                    addPairs(collected, new String(body, StandardCharsets.ISO_8859_1), bodyCharset());
                }
                Map<String, String[]> frozen = new LinkedHashMap<>();
                collected.forEach((name, values) -> frozen.put(name, values.toArray(String[]::new)));
                parameters = Collections.unmodifiableMap(frozen);
            }
            return parameters;
        }

        private boolean isForm() {
            String contentType = getContentType();
            return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(FORM_CONTENT_TYPE);
        }

        private Charset bodyCharset() {
            String encoding = getCharacterEncoding();
            return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        }

        // The encoded text is ASCII, so reading it as ISO-8859-1 is lossless; the real charset applies when
        // the %XX escapes are decoded.
        private static void addPairs(Map<String, List<String>> into, String encoded, Charset charset) {
            if (encoded == null || encoded.isEmpty()) {
                return;
            }
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1), charset);
                into.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }

        // A stray '%' must not turn a parameter lookup into a 500; the undecoded text is the best answer left.
        private static String decode(String encoded, Charset charset) {
            try {
                return URLDecoder.decode(encoded, charset);
            } catch (IllegalArgumentException malformed) {
                return encoded;
            }
        }
    }

    private static final class ReplayInputStream extends ServletInputStream {

        private final ByteArrayInputStream in;

        ReplayInputStream(byte[] body) {
            this.in = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return in.read(buffer, offset, length);
        }

        @Override
        public byte[] readAllBytes() {
            return in.readAllBytes();
        }

        @Override
        public boolean isFinished() {
            return in.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        // Everything is already in memory, so an asynchronous reader can be served at once.
        @Override
        public void setReadListener(ReadListener listener) {
            try {
                listener.onDataAvailable();
                if (isFinished()) {
                    listener.onAllDataRead();
                }
            } catch (IOException e) {
                listener.onError(e);
            }
        }
    }
}
