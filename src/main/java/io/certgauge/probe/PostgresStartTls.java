package io.certgauge.probe;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * PostgreSQL's TLS negotiation (the frontend/backend protocol's SSLRequest): the client sends the
 * 8-byte SSLRequest and the server answers one byte, {@code S} to go on with TLS or {@code N} to
 * refuse. A server too old to know the request answers with an ErrorResponse.
 */
// Limitation: the direct TLS connection of PostgreSQL 17 (sslnegotiation=direct) is not used;
// probing such a port without STARTTLS already reads its chain.
final class PostgresStartTls implements StartTlsDialogue {

    /** The SSLRequest code: 1234 in the high 16 bits, 5679 in the low 16 bits. */
    static final int SSL_REQUEST_CODE = 80877103;

    /** ErrorResponse messages are short; this bounds what a server can make us read. */
    private static final int MAX_ERROR = 16 * 1024;

    @Override
    public void upgrade(Socket socket, ProbeTarget target) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(sslRequest());
        out.flush();

        InputStream in = socket.getInputStream();
        int answer = in.read();
        if (answer < 0) {
            throw new EOFException("server closed the connection");
        }
        if (answer == 'S') {
            return;
        }
        if (answer == 'N') {
            throw new StartTlsException("server answered N to SSLRequest: TLS is not enabled");
        }
        if (answer == 'E') {
            throw new StartTlsException(
                    "server answered SSLRequest with an error: " + errorMessage(in));
        }
        throw new StartTlsException(
                String.format("server answered SSLRequest with byte 0x%02x (expected S)", answer));
    }

    /** Int32 length 8, Int32 request code, both in network byte order. */
    static byte[] sslRequest() {
        return ByteBuffer.allocate(8).putInt(8).putInt(SSL_REQUEST_CODE).array();
    }

    /**
     * The message field of an ErrorResponse whose type byte was read: Int32 length (itself
     * included), then fields of a type byte and a NUL-terminated string, {@code M} being the
     * human-readable message.
     */
    private static String errorMessage(InputStream in) throws IOException {
        int length = new DataInputStream(in).readInt() - 4;
        if (length < 0 || length > MAX_ERROR) {
            throw new StartTlsException(
                    "server answered SSLRequest with an error message of " + length + " bytes");
        }
        byte[] body = in.readNBytes(length);
        String message = "";
        int at = 0;
        while (at < body.length && body[at] != 0) {
            byte type = body[at];
            int end = at + 1;
            while (end < body.length && body[end] != 0) {
                end++;
            }
            String value = new String(body, at + 1, end - at - 1, StandardCharsets.UTF_8);
            if (type == 'M') {
                message = value;
            }
            at = end + 1;
        }
        return message.isEmpty() ? "(no message)" : TextLines.shorten(message);
    }
}
