package io.civicflow.engine.web.error;

/**
 * An RFC 9457 problem as Camunda's REST API returns it, always with {@code Content-Type:
 * application/problem+json}: {@code
 * {"type":"about:blank","title":"NOT_FOUND","status":404,"detail":"…","instance":"/v2/…"}}.
 *
 * @param title the {@link io.civicflow.engine.api.RejectionType} name for engine rejections, else
 *     the HTTP status name ({@code INVALID_ARGUMENT} for every malformed request)
 */
public record Problem(String type, String title, int status, String detail, String instance) {

  public static final String ABOUT_BLANK = "about:blank";

  public static Problem of(String title, int status, String detail, String instance) {
    return new Problem(ABOUT_BLANK, title, status, detail, instance);
  }
}
