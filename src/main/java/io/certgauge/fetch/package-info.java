/**
 * Outbound fetches for the chain analysis: the Apache HttpClient 5 implementation of {@link
 * io.certgauge.chain.Fetcher} and a cache in front of it.
 *
 * <p>Belongs here: HTTP transport for OCSP, CRL and AIA (schemes, deadlines, size caps, redirects)
 * and caching of the answers. Does not belong here: parsing or judging what was fetched, which is
 * the {@code chain} package's job; nothing else in certgauge reaches the network through this
 * package.
 */
package io.certgauge.fetch;
