package io.civicflow.engine.web.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicflow.engine.api.RejectionType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The REST API's request limit ({@code civicflow.engine.limits.max-request-size}), the same as the
 * gRPC gateway's largest message: a body declared larger is answered {@code 413 PAYLOAD_TOO_LARGE}
 * at once, without reading it; a body without a declared length (chunked) is read through a
 * counting stream that fails the request with 413 as soon as it passes the limit, so no more than
 * the limit is ever buffered. Multipart bodies (deployments) are read by the servlet container,
 * within {@code spring.servlet.multipart.max-request-size}, and the engine checks the resources'
 * size again.
 */
public final class RequestSizeFilter extends OncePerRequestFilter {

  private final long maxRequestBytes;
  private final ObjectMapper json;

  public RequestSizeFilter(long maxRequestBytes, ObjectMapper json) {
    this.maxRequestBytes = maxRequestBytes;
    this.json = json;
  }

  /**
   * The document endpoints have limits of their own ({@code
   * civicflow.engine.documents.max-file-size} and {@code .max-request-size}), checked by their
   * servlet as it reads the upload.
   */
  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return io.civicflow.engine.web.v2.DocumentController.DOCUMENTS_PATH.equals(
        request.getServletPath());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxRequestBytes) {
      tooLarge(request, response, declared + " bytes");
      return;
    }
    String contentType = request.getContentType();
    if (declared >= 0
        || (contentType != null && contentType.toLowerCase().startsWith("multipart/"))) {
      // a declared length is enforced by the container (it never reads past it)
      chain.doFilter(request, response);
      return;
    }
    chain.doFilter(new Bounded(request, maxRequestBytes), response);
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response, String size)
      throws IOException {
    RejectionType type = RejectionType.PAYLOAD_TOO_LARGE;
    response.setStatus(type.httpStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    // the body is left unread: the container closes the connection after the answer
    response.setHeader(HttpHeaders.CONNECTION, "close");
    json.writeValue(
        response.getOutputStream(),
        Problem.of(
            type.name(),
            type.httpStatus(),
            message(maxRequestBytes, size),
            request.getRequestURI()));
  }

  static String message(long maxRequestBytes, String size) {
    return "Expected the request to be at most "
        + maxRequestBytes
        + " bytes (civicflow.engine.limits.max-request-size), but it is "
        + size;
  }

  /** The body of a chunked request, read at most up to the limit. */
  private static final class Bounded extends HttpServletRequestWrapper {

    private final long limit;
    private ServletInputStream stream;

    Bounded(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new Counting(super.getInputStream(), limit);
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }
  }

  private static final class Counting extends ServletInputStream {

    private final ServletInputStream in;
    private final long limit;
    private long count;

    Counting(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int read = in.read(buffer, offset, length);
      if (read > 0) {
        counted(read);
      }
      return read;
    }

    private void counted(int n) throws RequestTooLargeException {
      count += n;
      if (count > limit) {
        throw new RequestTooLargeException(message(limit, "larger"));
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }

    @Override
    public int available() throws IOException {
      return in.available();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * A request body passed the limit while it was read: {@code 413} (found by {@link Problems} in
   * whatever the reader wrapped it in).
   */
  static final class RequestTooLargeException extends IOException {
    RequestTooLargeException(String message) {
      super(message);
    }
  }
}
