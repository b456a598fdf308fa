package io.civicflow.engine.model;

import io.camunda.zeebe.model.bpmn.instance.AdHocSubProcess;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.Documentation;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperties;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code adHocSubProcessElements} variable of an ad-hoc sub-process (Camunda 8.8): one entry
 * per inner element one may activate (no incoming flow, not a boundary event), in model order, with
 * its {@code elementId}, {@code elementName}, {@code documentation}, {@code properties} ({@code
 * zeebe:properties}) and {@code parameters} (the engine reads no {@code fromAi} parameters: always
 * empty).
 */
final class AdHocElements {

  private AdHocElements() {}

  static List<Map<String, Object>> describe(AdHocSubProcess node) {
    List<Map<String, Object>> result = new ArrayList<>();
    for (FlowNode child : node.getChildElementsByType(FlowNode.class)) {
      if (child instanceof BoundaryEvent || !child.getIncoming().isEmpty()) {
        continue;
      }
      Map<String, Object> element = new LinkedHashMap<>();
      element.put("elementId", child.getId());
      element.put("elementName", child.getName());
      element.put("documentation", documentation(child));
      Map<String, Object> properties = new LinkedHashMap<>();
      ZeebeProperties zeebe = child.getSingleExtensionElement(ZeebeProperties.class);
      if (zeebe != null) {
        for (ZeebeProperty property : zeebe.getProperties()) {
          properties.put(property.getName(), property.getValue());
        }
      }
      element.put("properties", properties);
      element.put("parameters", List.of());
      result.add(java.util.Collections.unmodifiableMap(element));
    }
    return List.copyOf(result);
  }

  private static String documentation(FlowNode node) {
    StringBuilder text = new StringBuilder();
    for (Documentation documentation : node.getDocumentations()) {
      if (documentation.getTextContent() != null) {
        text.append(documentation.getTextContent());
      }
    }
    return text.isEmpty() ? null : text.toString();
  }
}
