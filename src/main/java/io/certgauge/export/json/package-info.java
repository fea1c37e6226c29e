/**
 * The JSON API, {@code /api/v1/targets}: every target with its settings, its verdict and every
 * address with the whole presented chain, the path, the findings and the probe state. The
 * document's shape is declared as records in {@link io.certgauge.export.json.ApiDocument}.
 */
package io.certgauge.export.json;
