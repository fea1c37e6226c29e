/**
 * Tests of what certgauge ships for other monitoring systems to import or run: the Zabbix template
 * and agent UserParameters under {@code zabbix-templates/}, checked against the JSON the daemon
 * serves and, where the program is installed, run by the real agent.
 */
package io.certgauge.integrations;
