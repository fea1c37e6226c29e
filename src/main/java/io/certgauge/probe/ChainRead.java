package io.certgauge.probe;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The chain a server presented, exactly as sent (position 0 is the leaf), whether or not it
 * validates, with what the handshake negotiated.
 *
 * @param ocspStaple the DER OCSP response the server stapled, or {@code null}
 */
public record ChainRead(
        String address,
        Instant startedAt,
        Duration duration,
        List<X509Certificate> chain,
        String protocol,
        String cipher,
        byte[] ocspStaple)
        implements ProbeOutcome {

    public ChainRead {
        chain = List.copyOf(chain);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.chainRead(this);
    }
}
