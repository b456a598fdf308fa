package io.civicflow.engine.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code civicflow.engine.documents.*}: the document store behind {@code /v2/documents}.
 *
 * @param enabled {@code false} turns the document API off (default on)
 * @param directory where documents are kept; default {@code <civicflow.engine.data-dir>/documents}
 * @param maxFileSize the largest document (default 50MB); larger → 413
 * @param maxRequestSize the largest upload request, all files of a batch together (default 200MB);
 *     larger → 413
 * @param contentTypes the media types that may be uploaded; {@code type/*} and {@code prefix*}
 *     match any type that starts so; anything else → 415
 * @param defaultLinkTimeToLive how long a link lives when the request gives no {@code timeToLive}
 *     (default 1h, Camunda's)
 */
@ConfigurationProperties("civicflow.engine.documents")
public record DocumentProperties(
    @DefaultValue("true") boolean enabled,
    Path directory,
    @DefaultValue("50MB") DataSize maxFileSize,
    @DefaultValue("200MB") DataSize maxRequestSize,
    @DefaultValue({
          "application/pdf",
          "image/png",
          "image/jpeg",
          "image/gif",
          "image/webp",
          "image/tiff",
          "image/bmp",
          "text/plain",
          "text/csv",
          "application/zip",
          "application/x-zip-compressed",
          "application/msword",
          "application/vnd.ms-excel",
          "application/vnd.ms-powerpoint",
          "application/vnd.openxmlformats-officedocument.*",
          "application/vnd.oasis.opendocument.*",
          "application/ofd"
        })
        List<String> contentTypes,
    @DefaultValue("1h") Duration defaultLinkTimeToLive) {}
