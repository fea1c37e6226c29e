/**
 * Chain analysis: everything that judges a presented certificate chain without touching the
 * network. Path building and RFC 5280 path validation (name constraints included), the CA/Browser
 * Forum profile for paths to public roots, RFC 6125 host name matching, expiry and lifetime rules,
 * and the {@link io.certgauge.chain.Finding} codes they produce.
 *
 * <p>Belongs here: pure functions of certificates, trust material and a clock. Does not belong
 * here: sockets, handshakes, scheduling, exporters. Fetching OCSP, CRL or AIA data comes in through
 * an injected fetcher, never directly.
 */
package io.certgauge.chain;
