package io.certgauge.probe;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SMTP STARTTLS (RFC 3207), also used for submission: greeting 220, EHLO, a 250 reply that lists
 * STARTTLS, then STARTTLS answered by 220.
 */
final class SmtpStartTls implements StartTlsDialogue {

    /** Replies longer than this many lines are cut short; EHLO lists a dozen extensions. */
    private static final int MAX_REPLY_LINES = 100;

    @Override
    public void upgrade(Socket socket, ProbeTarget target) throws IOException {
        TextLines lines = new TextLines(socket);

        Reply greeting = readReply(lines);
        expect(greeting, 220, "SMTP greeting");

        lines.writeLine("EHLO " + ehloArgument(socket.getLocalAddress()));
        Reply ehlo = readReply(lines);
        expect(ehlo, 250, "EHLO");
        if (!ehlo.advertises("STARTTLS")) {
            throw new StartTlsException(
                    "server does not advertise STARTTLS; EHLO answer: " + ehlo.text());
        }

        lines.writeLine("STARTTLS");
        expect(readReply(lines), 220, "STARTTLS");
    }

    /**
     * The client's address literal: RFC 5321 section 4.1.3 forms, used because a probe has no
     * domain name of its own to announce.
     */
    static String ehloArgument(InetAddress local) {
        String text = AddressText.of(local);
        return local instanceof Inet6Address ? "[IPv6:" + text + "]" : "[" + text + "]";
    }

    private static void expect(Reply reply, int code, String step) throws StartTlsException {
        if (reply.code() != code) {
            throw new StartTlsException(
                    step + " answered " + reply.text() + " (expected " + code + ")");
        }
    }

    /** One reply, multi-line aware (RFC 5321 section 4.2.1: {@code 250-} continues). */
    static Reply readReply(TextLines lines) throws IOException {
        List<String> collected = new ArrayList<>();
        while (collected.size() < MAX_REPLY_LINES) {
            String line = lines.readLine();
            collected.add(line);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return new Reply(code(line), List.copyOf(collected));
            }
        }
        throw new StartTlsException("reply longer than " + MAX_REPLY_LINES + " lines");
    }

    private static int code(String line) {
        if (line.length() < 3) {
            return -1;
        }
        try {
            return Integer.parseInt(line.substring(0, 3));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** A reply: its code (-1 when the first line has none) and its lines as received. */
    record Reply(int code, List<String> lines) {

        /** True when a line after the first names {@code keyword} as its first word. */
        boolean advertises(String keyword) {
            return lines.stream()
                    .skip(1)
                    .map(line -> line.length() > 4 ? line.substring(4).strip() : "")
                    .map(rest -> rest.split("\\s+", 2)[0].toUpperCase(Locale.ROOT))
                    .anyMatch(keyword::equals);
        }

        /** The reply for a message: lines joined by " / ", trimmed, shortened. */
        String text() {
            return TextLines.shorten(String.join(" / ", lines));
        }
    }
}
