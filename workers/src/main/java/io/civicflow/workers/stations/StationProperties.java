package io.civicflow.workers.stations;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code civicflow.stations}: the town social-work stations (社工站) as round data — the street or
 * town each serves and the communities each resident social worker covers (Taicang: "每名驻站社工平均服务 2-3
 * 个社区"). Keys are the station ids of the forms' station lists ({@code shaxi}, …).
 *
 * @param stations by station id
 */
@ConfigurationProperties("civicflow")
public record StationProperties(Map<String, Station> stations) {

  /**
   * @param name the station's name, in Chinese
   * @param district the street or town (镇/街道) it serves: the district of every station record
   * @param socialWorkers each resident social worker's user id and the communities they cover
   */
  public record Station(String name, String district, Map<String, List<String>> socialWorkers) {}
}
