/**
 * Generated certificates and loopback TLS servers: {@link io.certgauge.demo.Pki} makes chains
 * with BouncyCastle, {@link io.certgauge.demo.DemoTlsServer} presents one exactly as given, and
 * {@link io.certgauge.demo.DemoEndpoints} starts one server per situation for
 * {@code certgauge demo}. Tests use the same parts. Nothing here touches a network other than
 * loopback.
 */
package io.certgauge.demo;
