/**
 * Zabbix integration: the low-level discovery array of {@code /zabbix/discovery} and the one object
 * keyed by target id of {@code /zabbix/targets}, which feeds every dependent item of the template
 * in a single request. Both take a label filter so a large list can be split over several Zabbix
 * hosts.
 */
package io.certgauge.export.zabbix;
