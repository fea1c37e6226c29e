package io.certgauge.probe;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The little of BER (X.690) that the LDAP StartTLS exchange needs: definite lengths, one-byte tags,
 * a cursor over a received element. Lengths are capped, since a server chooses them.
 */
final class Ber {

    static final int SEQUENCE = 0x30;
    static final int INTEGER = 0x02;
    static final int OCTET_STRING = 0x04;
    static final int ENUMERATED = 0x0a;

    private Ber() {}

    /** One element: its tag and its content octets. */
    record Element(int tag, byte[] content) {

        /** A cursor over the elements inside this one. */
        Reader children() {
            return new Reader(content);
        }

        /** The content as a non-negative integer (INTEGER, ENUMERATED), else -1. */
        long intValue() {
            if (content.length == 0 || content.length > 4 || content[0] < 0) {
                return -1;
            }
            long value = 0;
            for (byte b : content) {
                value = (value << 8) | (b & 0xff);
            }
            return value;
        }

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /**
     * Reads one whole element from a stream, byte by byte for the header and exactly its length for
     * the content, so nothing after it is consumed.
     *
     * @throws StartTlsException when the tag is not {@code expectedTag}, or the length is
     *     indefinite or over {@code max}
     */
    static Element read(InputStream in, int expectedTag, int max) throws IOException {
        int tag = next(in);
        if (tag != expectedTag) {
            // Checked before the length, so that text from another protocol is not taken for
            // a length to wait for.
            throw new StartTlsException(
                    String.format(
                            "answer starts with 0x%02x, not 0x%02x as expected%s",
                            tag, expectedTag, textAlreadyReceived(tag, in)));
        }
        int length = length(in);
        if (length > max) {
            throw new StartTlsException(
                    "answer of " + length + " bytes is longer than the " + max + " accepted");
        }
        byte[] content = in.readNBytes(length);
        if (content.length < length) {
            throw new EOFException("server closed the connection inside its answer");
        }
        return new Element(tag, content);
    }

    /**
     * When an answer is text (another protocol on the port), the text already received, quoted, for
     * the message; empty otherwise. Reads only what has arrived, so it never waits.
     */
    private static String textAlreadyReceived(int first, InputStream in) throws IOException {
        if (first < 0x20 || first > 0x7e) {
            return "";
        }
        byte[] rest = in.readNBytes(Math.min(in.available(), 200));
        String text = (char) first + new String(rest, StandardCharsets.US_ASCII);
        return ": \"" + TextLines.shorten(text.replaceAll("[^\\x20-\\x7e]", " ")) + "\"";
    }

    private static int length(InputStream in) throws IOException {
        int first = next(in);
        if (first < 0x80) {
            return first;
        }
        int octets = first & 0x7f;
        if (octets == 0 || octets > 3) {
            // 0x80 is the indefinite form, which X.690 section 10.1 (DER) and RFC 4511
            // section 5.1 exclude; more than three octets would exceed any cap anyway.
            throw new StartTlsException(String.format("unsupported BER length form 0x%02x", first));
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = (length << 8) | next(in);
        }
        return length;
    }

    private static int next(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("server closed the connection");
        }
        return b;
    }

    /** A cursor over the concatenated elements of a content. */
    static final class Reader {
        private final byte[] data;
        private int position;

        Reader(byte[] data) {
            this.data = data;
        }

        boolean hasNext() {
            return position < data.length;
        }

        Element next() throws StartTlsException {
            int tag = take();
            int length = take();
            if (length >= 0x80) {
                int octets = length & 0x7f;
                if (octets == 0 || octets > 3) {
                    throw malformed();
                }
                length = 0;
                for (int i = 0; i < octets; i++) {
                    length = (length << 8) | take();
                }
            }
            if (length > data.length - position) {
                throw malformed();
            }
            byte[] content = Arrays.copyOfRange(data, position, position + length);
            position += length;
            return new Element(tag, content);
        }

        private int take() throws StartTlsException {
            if (position >= data.length) {
                throw malformed();
            }
            return data[position++] & 0xff;
        }

        private static StartTlsException malformed() {
            return new StartTlsException("malformed BER in the server's answer");
        }
    }

    /** The encoding of a length (short form under 128, else long form). */
    static byte[] length(int length) {
        if (length < 0x80) {
            return new byte[] {(byte) length};
        }
        if (length < 0x100) {
            return new byte[] {(byte) 0x81, (byte) length};
        }
        return new byte[] {(byte) 0x82, (byte) (length >> 8), (byte) length};
    }

    /** One element: tag, length, content. */
    static byte[] element(int tag, byte[]... parts) {
        int size = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] length = length(size);
        byte[] out = new byte[1 + length.length + size];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        int at = 1 + length.length;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
