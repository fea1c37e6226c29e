/**
 * Reading a server's certificate chain: name resolution with a deadline, TCP connect, the optional
 * STARTTLS dialogue and the TLS handshake, yielding one {@link io.certgauge.probe.ProbeOutcome} per
 * resolved address.
 *
 * <p>What belongs here: everything that touches the network to obtain a chain, and the model of
 * what a probe produced. What does not: judging the chain (trust, names, dates, revocation), which
 * is the {@code chain} package's work; the prober accepts every chain so that even a broken one can
 * be reported. This package imports no HTTP or metrics library.
 */
package io.certgauge.probe;
