package io.certgauge.probe;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * CRLF-terminated text lines on a socket, for STARTTLS dialogues. Reads byte by byte, without a
 * buffer, so no byte of the TLS handshake that follows is consumed by mistake.
 */
final class TextLines {

    /**
     * Longest line accepted. RFC 5321 section 4.5.3.1.5 allows 512 octets for an SMTP reply line;
     * other protocols stay well below this cap too, which guards against a server that streams
     * without end.
     */
    static final int MAX_LINE = 4096;

    private final InputStream in;
    private final OutputStream out;

    TextLines(Socket socket) throws IOException {
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * The next line without its line ending.
     *
     * @throws EOFException when the server closes the connection before a line ends
     */
    String readLine() throws IOException {
        StringBuilder line = new StringBuilder();
        while (line.length() < MAX_LINE) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException(
                        line.length() == 0
                                ? "server closed the connection"
                                : "server closed the connection after \"" + line + "\"");
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
        throw new StartTlsException("line longer than " + MAX_LINE + " bytes: " + shorten(line));
    }

    void writeLine(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Text for an error message: control characters and runs of white space become one space, then
     * it is trimmed and cut to a readable length. A server controls these bytes, and a message ends
     * up in logs, metrics pages and plugin output.
     */
    static String shorten(CharSequence text) {
        String printable = text.toString().replaceAll("[\\p{Cc}\\s]+", " ").strip();
        return printable.length() <= 200 ? printable : printable.substring(0, 200) + "…";
    }
}
