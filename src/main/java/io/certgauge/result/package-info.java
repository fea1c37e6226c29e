/**
 * The latest result of every target: {@link io.certgauge.result.ResultStore}, the only state the
 * scheduler and the exporters share, and the immutable values it holds. A result keeps the last
 * chain read from each address, so a failed probe never hides an expiry. Imports no exporter.
 */
package io.certgauge.result;
