package io.certgauge.probe;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * XMPP STARTTLS (RFC 6120 section 5.4): the client opens a stream to the server's domain, the
 * server answers with its stream header and features, which must include {@code <starttls/>}; the
 * client sends {@code <starttls/>} and the server answers {@code <proceed/>} (or {@code <failure/>}
 * and closes the stream).
 *
 * <p>No XML parser: the exchange is a few fixed elements, and a parser would read ahead into the
 * TLS handshake. Bytes are read one at a time and the text seen so far is matched after each {@code
 * >}, so reading stops exactly at the end of {@code <proceed/>}.
 */
// Limitation: only client-to-server streams (jabber:client, port 5222); a server-to-server
// port (5269, jabber:server) is not negotiated.
// Limitation: XML comments or CDATA that contain "<starttls" or "</features>" could mislead the
// matching; servers do not send those in stream negotiation.
final class XmppStartTls implements StartTlsDialogue {

    static final String TLS_NAMESPACE = "urn:ietf:params:xml:ns:xmpp-tls";

    /** Stream header and features of a real server are a few kilobytes at most. */
    static final int MAX_TEXT = 64 * 1024;

    private static final String NAME = "(?:[A-Za-z_][\\w.-]*:)?";
    private static final Pattern FEATURES_END =
            Pattern.compile(
                    "<" + NAME + "features\\b[^>]*/>\\s*$|</" + NAME + "features\\s*>\\s*$");
    private static final Pattern FEATURES =
            Pattern.compile("<" + NAME + "features\\b.*$", Pattern.DOTALL);
    private static final Pattern STARTTLS_OFFERED =
            Pattern.compile("<" + NAME + "starttls\\b[^>]*" + Pattern.quote(TLS_NAMESPACE));
    private static final Pattern STREAM_ENDED =
            Pattern.compile("</" + NAME + "error\\s*>\\s*$|</" + NAME + "stream\\s*>\\s*$");
    private static final Pattern ERROR =
            Pattern.compile("<" + NAME + "error\\b.*$", Pattern.DOTALL);
    private static final Pattern ELEMENT =
            Pattern.compile(
                    "^\\s*<(" + NAME + "([\\w.-]+))\\b(?:[^>]*/>|.*</\\1\\s*>)\\s*$",
                    Pattern.DOTALL);

    @Override
    public void upgrade(Socket socket, ProbeTarget target) throws IOException {
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();

        write(out, streamHeader(domain(target)));
        String opening = readUntil(in, t -> FEATURES_END.matcher(t).find(), "stream features");
        if (!STARTTLS_OFFERED.matcher(opening).find()) {
            throw new StartTlsException(
                    "server does not offer STARTTLS; its features: " + features(opening));
        }

        write(out, "<starttls xmlns='" + TLS_NAMESPACE + "'/>");
        // The next complete element, such as <proceed xmlns='…'/>.
        String answer = readUntil(in, t -> ELEMENT.matcher(t).matches(), "answer to STARTTLS");
        Matcher element = ELEMENT.matcher(answer);
        if (!element.matches() || !element.group(2).equals("proceed")) {
            throw new StartTlsException(
                    "STARTTLS answered " + TextLines.shorten(answer) + " (expected <proceed/>)");
        }
    }

    /** RFC 6120 section 4.7.2: {@code to} is the server's domain: the SNI name, else the host. */
    static String domain(ProbeTarget target) {
        String sni = AddressProbe.withoutTrailingDot(target.sni());
        return sni != null ? sni : target.asciiHost();
    }

    /** RFC 6120 section 4.7: the initial stream header of a client. */
    static String streamHeader(String domain) {
        return "<?xml version='1.0'?><stream:stream to='"
                + escape(domain)
                + "' version='1.0'"
                + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Text up to and including the first {@code >} at which {@code done} holds. */
    private static String readUntil(InputStream in, Predicate<String> done, String what)
            throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (seen.size() < MAX_TEXT) {
            int b = next(in, seen);
            seen.write(b);
            if (b != '>') {
                continue;
            }
            String text = seen.toString(StandardCharsets.UTF_8);
            if (done.test(text)) {
                return text;
            }
            if (STREAM_ENDED.matcher(text).find()) {
                throw new StartTlsException("server ended the stream: " + streamError(text));
            }
        }
        throw new StartTlsException("no " + what + " within " + MAX_TEXT + " bytes");
    }

    private static int next(InputStream in, ByteArrayOutputStream seen) throws IOException {
        int b = in.read();
        if (b < 0) {
            String text = TextLines.shorten(seen.toString(StandardCharsets.UTF_8));
            throw new EOFException(
                    text.isEmpty()
                            ? "server closed the connection"
                            : "server closed the connection after " + text);
        }
        return b;
    }

    private static String features(String text) {
        Matcher features = FEATURES.matcher(text);
        return TextLines.shorten(features.find() ? features.group() : text);
    }

    private static String streamError(String text) {
        Matcher error = ERROR.matcher(text);
        return TextLines.shorten(error.find() ? error.group() : text);
    }
}
