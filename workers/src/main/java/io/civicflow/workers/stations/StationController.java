package io.civicflow.workers.stations;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/stations}: the configured stations ({@code civicflow.stations}) as a form's
 * select options, {@code [{"label": "沙溪镇社工站", "value": "shaxi"}, …]}. The console passes them as
 * {@code stationOptions} to the start forms whose station list has {@code "valuesKey":
 * "stationOptions"} (the incubation application), so the list is the configured stations, never
 * options written into the form. Any logged-in user may read it.
 */
@RestController
@RequestMapping("/api/stations")
public class StationController {

  private final StationDirectory stations;

  public StationController(StationDirectory stations) {
    this.stations = stations;
  }

  /** One option of a form's select. */
  public record Option(String label, String value) {}

  @GetMapping
  public List<Option> options() {
    return stations.names().entrySet().stream()
        .map(e -> new Option(e.getValue(), e.getKey()))
        .toList();
  }
}
