package io.certgauge.export.zabbix;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One target in {@code /zabbix/targets}: the worst across its addresses. A field that was never
 * known is {@code null} and so left out, never a sentinel.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ZabbixTarget(
        String host,
        int port,
        Integer probeOk,
        String error,
        Double daysLeft,
        Double chainDaysLeft,
        Long notAfter,
        Integer valid,
        List<String> findings,
        String subject,
        String issuer,
        String serial,
        String status,
        Long lastSuccess,
        List<ZabbixAddress> addresses) {}
