package io.civicflow.engine.web.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Reads and writes the web layer's own request and response types (everything in {@code
 * io.civicflow.engine.web..}) with {@link WebJson}'s mapper, and nothing else. Registered first in
 * Spring MVC's converter list, it leaves the embedding application's JSON untouched.
 */
public final class WebJsonHttpMessageConverter extends MappingJackson2HttpMessageConverter {

  private static final String WEB_PACKAGE = "io.civicflow.engine.web";

  public WebJsonHttpMessageConverter(ObjectMapper objectMapper) {
    super(objectMapper);
  }

  @Override
  public boolean canRead(Class<?> clazz, MediaType mediaType) {
    return isWebType(clazz) && super.canRead(clazz, mediaType);
  }

  @Override
  public boolean canRead(Type type, Class<?> contextClass, MediaType mediaType) {
    return isWebType(ResolvableType.forType(type).resolve())
        && super.canRead(type, contextClass, mediaType);
  }

  @Override
  public boolean canWrite(Class<?> clazz, MediaType mediaType) {
    return isWebType(clazz) && super.canWrite(clazz, mediaType);
  }

  @Override
  public boolean canWrite(Type type, Class<?> clazz, MediaType mediaType) {
    // clazz is the class of the value being written; type is only the declared (maybe generic) type
    return isWebType(clazz) && super.canWrite(type, clazz, mediaType);
  }

  static boolean isWebType(Class<?> clazz) {
    return clazz != null && clazz.getName().startsWith(WEB_PACKAGE + ".");
  }
}
