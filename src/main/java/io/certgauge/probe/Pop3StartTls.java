package io.certgauge.probe;

import java.io.IOException;
import java.net.Socket;

/**
 * POP3 STARTTLS (RFC 2595 section 4): a {@code +OK} greeting (RFC 1939 section 4), then {@code
 * STLS} answered by {@code +OK}; {@code -ERR} refuses.
 */
final class Pop3StartTls implements StartTlsDialogue {

    @Override
    public void upgrade(Socket socket, ProbeTarget target) throws IOException {
        TextLines lines = new TextLines(socket);

        expectOk(lines.readLine(), "POP3 greeting");

        lines.writeLine("STLS");
        expectOk(lines.readLine(), "STLS");
    }

    private static void expectOk(String line, String step) throws StartTlsException {
        // RFC 1939 section 3: status indicators are upper case; a server that writes "+ok"
        // is lenient enough to accept.
        if (!ImapStartTls.startsWithIgnoringCase(line, "+OK")) {
            throw new StartTlsException(
                    step + " answered " + TextLines.shorten(line) + " (expected +OK)");
        }
    }
}
