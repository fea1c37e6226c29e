/**
 * The offline demo and the certificate maker it shares with the tests: {@link
 * io.certgauge.demo.Pki} issues roots, intermediates and leaves with BouncyCastle, {@link
 * io.certgauge.demo.DemoTlsServer} presents a chain exactly as given on a loopback port, and {@link
 * io.certgauge.demo.DemoEndpoints} starts one such server per situation certgauge reports.
 *
 * <p>Belongs here: whatever makes certificates and loopback TLS servers for showing and testing
 * certgauge. Does not belong here: anything the daemon needs to monitor real endpoints. Every
 * server binds to 127.0.0.1 only.
 */
package io.certgauge.demo;
