package io.civicflow.workers.deployment;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.xml.ModelException;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResult;
import org.camunda.bpm.model.xml.validation.ValidationResultType;
import org.camunda.bpm.model.xml.validation.ValidationResults;

/**
 * Zeebe's own checks of a BPMN model at design time: the XML schema (while parsing) and {@link
 * ZeebeDesignTimeValidators#VALIDATORS}, the rules Camunda Modeler and the broker apply before
 * anything runs (a service task needs a job type, a message needs a name and a correlation key,
 * only supported elements, …). The broker's deploy-time FEEL checks live in Camunda-licensed code
 * and are not repeated here; the embedded engine checks FEEL when the model is deployed.
 */
final class ZeebeDesignTimeValidation {

  private ZeebeDesignTimeValidation() {}

  /**
   * Every error Zeebe reports for the model, as {@code "<element id> (<element type>): <message>"};
   * an element without an id (an extension element) is named by its nearest ancestor that has one.
   * Empty when Zeebe accepts the model. Warnings are not errors.
   */
  static List<String> errors(InputStream bpmnXml) {
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(bpmnXml);
    } catch (ModelException e) {
      return List.of("not a readable BPMN 2.0 document: " + rootMessage(e));
    }
    ValidationResults results = model.validate(ZeebeDesignTimeValidators.VALIDATORS);
    List<String> errors = new ArrayList<>();
    for (Map.Entry<ModelElementInstance, List<ValidationResult>> entry :
        results.getResults().entrySet()) {
      for (ValidationResult result : entry.getValue()) {
        if (result.getType() == ValidationResultType.ERROR) {
          errors.add(describe(entry.getKey()) + ": " + result.getMessage());
        }
      }
    }
    errors.sort(null);
    return errors;
  }

  private static String describe(ModelElementInstance element) {
    String type = element.getElementType().getTypeName();
    ModelElementInstance named = element;
    while (named != null && named.getAttributeValue("id") == null) {
      named = named.getParentElement();
    }
    if (named == null) {
      return "(no id) (" + type + ")";
    }
    String id = named.getAttributeValue("id");
    return named == element ? id + " (" + type + ")" : id + " > " + type;
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? e.getMessage() : cause.getMessage();
  }
}
