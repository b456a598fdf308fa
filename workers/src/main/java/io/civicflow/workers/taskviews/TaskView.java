package io.civicflow.workers.taskviews;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One saved view of the console's task list: a name the user chose and the filters it applies (the
 * console's filter names: {@code district}, {@code round}, {@code process}, {@code state}, {@code
 * due}, {@code assignee}; each a short string, empty for "any").
 *
 * @param id the console's id for the view, {@code saved-…}
 * @param name what the view's tab says, 1–30 characters
 * @param filters filter name → value
 */
public record TaskView(String id, String name, Map<String, String> filters) {

  /** How many views one user may keep. */
  public static final int MAX_VIEWS = 50;

  static final int MAX_NAME = 30;
  static final int MAX_VALUE = 100;
  static final Set<String> FILTERS =
      Set.of("district", "round", "process", "state", "due", "assignee");
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,40}");

  public TaskView {
    filters = filters == null ? Map.of() : Map.copyOf(filters);
  }

  /**
   * Why {@code views} cannot be kept, or null when they can: each view valid, ids and names unique.
   */
  public static String problemOf(List<TaskView> views) {
    if (views == null) {
      return "views: required (a list, possibly empty)";
    }
    if (views.size() > MAX_VIEWS) {
      return "views: at most " + MAX_VIEWS + " saved views per user, got " + views.size();
    }
    Map<String, String> ids = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    for (TaskView view : views) {
      if (view == null) {
        return "views: an entry is null";
      }
      if (view.id() == null || !ID.matcher(view.id()).matches()) {
        return "views[].id: 1–40 letters, digits, '-' or '_', got '" + view.id() + "'";
      }
      String name = view.name() == null ? "" : view.name().strip();
      if (name.isEmpty() || name.length() > MAX_NAME || !name.equals(view.name())) {
        return "views[].name: 1–" + MAX_NAME + " characters without surrounding blanks";
      }
      if (ids.put(view.id(), name) != null) {
        return "views[].id: '" + view.id() + "' appears twice";
      }
      if (names.put(name, view.id()) != null) {
        return "views[].name: '" + name + "' appears twice";
      }
      for (Map.Entry<String, String> filter : view.filters().entrySet()) {
        if (!FILTERS.contains(filter.getKey())) {
          return "views[].filters: unknown filter '"
              + filter.getKey()
              + "' (known: district, round, process, state, due, assignee)";
        }
        if (filter.getValue() == null || filter.getValue().length() > MAX_VALUE) {
          return "views[].filters."
              + filter.getKey()
              + ": a string of at most "
              + MAX_VALUE
              + " characters";
        }
      }
    }
    return null;
  }
}
