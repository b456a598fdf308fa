package io.civicflow.workers.documents;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The custom properties CivicFlow writes with every document it uploads, so that the per-document
 * access rules (a provider reads its own bids and contracts, an expert the bids of their panel,
 * never a resident's case file) can be decided from the document alone once the authorization model
 * exists. The process instance key also goes into the reference's own {@code processInstanceKey}.
 *
 * @param purpose what the document is, e.g. {@code award-notice}, {@code contract-draft}
 * @param businessKey the project or contract number it belongs to
 * @param processInstanceKey the process instance it was attached to
 */
public record DocumentProperties(String purpose, String businessKey, long processInstanceKey) {

  public static final String PURPOSE = "purpose";
  public static final String BUSINESS_KEY = "businessKey";
  public static final String PROCESS_INSTANCE_KEY = "processInstanceKey";
  public static final String UPLOADED_BY = "uploadedBy";

  public DocumentProperties {
    Objects.requireNonNull(purpose, "purpose");
    Objects.requireNonNull(businessKey, "businessKey");
  }

  /**
   * As custom properties of the document's metadata.
   *
   * @param uploadedBy the user (or service user) who uploads it
   */
  public Map<String, Object> asMap(String uploadedBy) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(PURPOSE, purpose);
    map.put(BUSINESS_KEY, businessKey);
    map.put(PROCESS_INSTANCE_KEY, String.valueOf(processInstanceKey));
    map.put(UPLOADED_BY, Objects.requireNonNull(uploadedBy, "uploadedBy"));
    return map;
  }
}
