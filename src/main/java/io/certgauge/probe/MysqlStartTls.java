package io.certgauge.probe;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * MySQL's (and MariaDB's) TLS negotiation in the client/server protocol: the server speaks first
 * with its initial handshake packet (protocol version 10), whose capability flags must include
 * CLIENT_SSL; the client answers with an SSLRequest packet (a HandshakeResponse41 cut after its
 * first 32 bytes, CLIENT_SSL set), and TLS starts at once, without an answer.
 */
final class MysqlStartTls implements StartTlsDialogue {

    static final int CLIENT_PROTOCOL_41 = 0x0200;
    static final int CLIENT_SSL = 0x0800;
    static final int CLIENT_SECURE_CONNECTION = 0x8000;

    /** utf8_general_ci, a collation every server version knows. */
    static final byte CHARSET = 33;

    static final int MAX_PACKET = 16 * 1024 * 1024;

    /** An initial handshake packet is about a hundred bytes. */
    private static final int MAX_GREETING = 64 * 1024;

    /** What the greeting says: capability flags and the server's version text. */
    record Greeting(int capabilities, String serverVersion, int sequence) {}

    @Override
    public void upgrade(Socket socket, ProbeTarget target) throws IOException {
        Greeting greeting = readGreeting(socket.getInputStream());
        if ((greeting.capabilities() & CLIENT_SSL) == 0) {
            throw new StartTlsException(
                    "server "
                            + greeting.serverVersion()
                            + " does not offer TLS (no CLIENT_SSL in capabilities "
                            + String.format("0x%04x", greeting.capabilities())
                            + ")");
        }

        OutputStream out = socket.getOutputStream();
        out.write(sslRequest(greeting));
        out.flush();
    }

    static Greeting readGreeting(InputStream in) throws IOException {
        byte[] header = readFully(in, 4);
        int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
        if (length == 0 || length > MAX_GREETING) {
            throw new StartTlsException(
                    "server greeting of " + length + " bytes is not a MySQL" + " handshake packet");
        }
        ByteBuffer payload = ByteBuffer.wrap(readFully(in, length)).order(ByteOrder.LITTLE_ENDIAN);

        int protocol = payload.get() & 0xff;
        if (protocol == 0xff) {
            throw new StartTlsException("server refused the connection: " + errorText(payload));
        }
        if (protocol != 10) {
            throw new StartTlsException(
                    "server speaks MySQL protocol version "
                            + protocol
                            + ", which has no TLS (expected 10)");
        }
        String version = TextLines.shorten(nulTerminated(payload));
        try {
            payload.position(payload.position() + 4 + 8 + 1); // connection id, scramble, filler
            int capabilities = payload.getShort() & 0xffff;
            if (payload.remaining() >= 5) {
                payload.position(payload.position() + 3); // charset, status flags
                capabilities |= (payload.getShort() & 0xffff) << 16;
            }
            return new Greeting(capabilities, version, header[3] & 0xff);
        } catch (RuntimeException shortPacket) {
            throw new StartTlsException("server greeting is cut short (" + length + " bytes)");
        }
    }

    /**
     * The SSLRequest: 3-byte length 32 and the next sequence number, then capability flags, maximum
     * packet size, character set and 23 zero bytes. Only flags the server offers are claimed
     * besides CLIENT_SSL.
     */
    static byte[] sslRequest(Greeting greeting) {
        int wanted = CLIENT_PROTOCOL_41 | CLIENT_SECURE_CONNECTION;
        int capabilities = (greeting.capabilities() & wanted) | CLIENT_SSL;
        ByteBuffer packet = ByteBuffer.allocate(4 + 32).order(ByteOrder.LITTLE_ENDIAN);
        packet.put((byte) 32).put((byte) 0).put((byte) 0);
        packet.put((byte) (greeting.sequence() + 1));
        packet.putInt(capabilities);
        packet.putInt(MAX_PACKET);
        packet.put(CHARSET);
        return packet.array(); // the 23 filler bytes are already zero
    }

    /** ERR packet after its 0xff: error code, optional {@code #} and SQL state, message. */
    private static String errorText(ByteBuffer payload) {
        if (payload.remaining() < 2) {
            return "(no message)";
        }
        int code = payload.getShort() & 0xffff;
        byte[] rest = new byte[payload.remaining()];
        payload.get(rest);
        String message = new String(rest, StandardCharsets.UTF_8);
        if (message.startsWith("#") && message.length() >= 6) {
            message = message.substring(6);
        }
        return "error " + code + ": " + TextLines.shorten(message);
    }

    private static String nulTerminated(ByteBuffer payload) {
        int start = payload.position();
        while (payload.hasRemaining() && payload.get() != 0) {
            // advance to the NUL
        }
        int end = payload.position() - 1;
        return new String(payload.array(), start, Math.max(0, end - start), StandardCharsets.UTF_8);
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException(
                    bytes.length == 0
                            ? "server closed the connection"
                            : "server closed the connection inside its greeting");
        }
        return bytes;
    }
}
