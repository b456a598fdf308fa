package io.civicflow.workers.deployment;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.IntermediateCatchEvent;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.civicflow.workers.deployment.RepositoryFiles.SourceFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What BPMN models refer to by name, and which of those names nothing defines. Only static values
 * count: an expression ({@code =...}) is resolved at run time. Each check answers one line per
 * dangling reference, {@code "<file> <element id>: <kind> \"<value>\" <what is missing>"}.
 */
final class ModelCatalogue {

  /** A parsed model and the file it came from. */
  record Model(String file, BpmnModelInstance instance) {}

  private ModelCatalogue() {}

  static List<Model> parse(List<SourceFile> bpmnFiles) {
    return bpmnFiles.stream()
        .map(file -> new Model(file.name(), Bpmn.readModelFromStream(file.open())))
        .toList();
  }

  /**
   * {@code zeebe:taskDefinition type}s, and the types of task and execution listeners (jobs too: a
   * listener nobody handles holds its task or element forever), that no job worker handles.
   */
  static List<String> jobTypesWithoutWorker(List<Model> models, Collection<String> workerTypes) {
    List<Reference> jobTypes =
        new ArrayList<>(
            references(
                models, ZeebeTaskDefinition.class, ZeebeTaskDefinition::getType, "job type"));
    jobTypes.addAll(
        references(
            models, ZeebeTaskListener.class, ZeebeTaskListener::getType, "task listener type"));
    jobTypes.addAll(
        references(
            models,
            ZeebeExecutionListener.class,
            ZeebeExecutionListener::getType,
            "execution listener type"));
    return jobTypes.stream()
        .filter(reference -> !workerTypes.contains(reference.value()))
        .map(
            reference ->
                reference
                    + " has no @JobWorker(type = \""
                    + reference.value()
                    + "\") in io.civicflow.workers")
        .toList();
  }

  /** {@code zeebe:formDefinition formId}s that no form in forms/ has as its id. */
  static List<String> formIdsWithoutForm(List<Model> models, Collection<String> formIds) {
    return references(models, ZeebeFormDefinition.class, ZeebeFormDefinition::getFormId, "formId")
        .stream()
        .filter(reference -> !formIds.contains(reference.value()))
        .map(reference -> reference + " has no form with that \"id\" in forms/")
        .toList();
  }

  /** {@code zeebe:calledDecision decisionId}s that no DMN decision in processes/ has as its id. */
  static List<String> calledDecisionsNotFound(List<Model> models, Collection<String> decisionIds) {
    return references(
            models, ZeebeCalledDecision.class, ZeebeCalledDecision::getDecisionId, "decisionId")
        .stream()
        .filter(reference -> !decisionIds.contains(reference.value()))
        .map(
            reference ->
                reference + " has no DMN <decision id=\"" + reference.value() + "\"> in processes/")
        .toList();
  }

  /** {@code zeebe:calledElement processId}s that are not the id of a process in the models. */
  static List<String> calledProcessesNotFound(List<Model> models) {
    Set<String> processIds = new TreeSet<>();
    models.forEach(
        model ->
            model
                .instance()
                .getModelElementsByType(Process.class)
                .forEach(p -> processIds.add(p.getId())));
    return references(
            models, ZeebeCalledElement.class, ZeebeCalledElement::getProcessId, "called processId")
        .stream()
        .filter(reference -> !processIds.contains(reference.value()))
        .map(reference -> reference + " is not the id of a process in processes/")
        .toList();
  }

  /**
   * Messages the models wait for (message start, intermediate catch and boundary events, receive
   * tasks) that the catalogue of publishers does not list.
   */
  static List<String> awaitedMessagesWithoutPublisher(
      List<Model> models, Collection<String> catalogued) {
    return awaitedMessages(models).stream()
        .filter(reference -> !catalogued.contains(reference.value()))
        .map(
            reference -> reference + " is not in " + MessageCatalogue.FILE + " (who publishes it?)")
        .toList();
  }

  /** Ids of the decisions in the DMN files (any DMN 1.x namespace). */
  static Set<String> decisionIds(List<SourceFile> dmnFiles) {
    Set<String> ids = new TreeSet<>();
    for (SourceFile dmn : dmnFiles) {
      NodeList decisions = parseXml(dmn).getElementsByTagNameNS("*", "decision");
      for (int i = 0; i < decisions.getLength(); i++) {
        Element decision = (Element) decisions.item(i);
        String namespace = decision.getNamespaceURI();
        if (namespace != null
            && namespace.contains("omg.org/spec/DMN/")
            && decision.hasAttribute("id")) {
          ids.add(decision.getAttribute("id"));
        }
      }
    }
    return ids;
  }

  /** A static value a model refers to, and where. */
  private record Reference(String file, String elementId, String kind, String value) {

    @Override
    public String toString() {
      return file + " " + elementId + ": " + kind + " \"" + value + "\"";
    }
  }

  private static <T extends ModelElementInstance> List<Reference> references(
      List<Model> models, Class<T> type, Function<T, String> value, String kind) {
    List<Reference> references = new ArrayList<>();
    for (Model model : models) {
      for (T element : model.instance().getModelElementsByType(type)) {
        String text = value.apply(element);
        if (isStatic(text)) {
          references.add(new Reference(model.file(), ownerId(element), kind, text));
        }
      }
    }
    return references;
  }

  private static List<Reference> awaitedMessages(List<Model> models) {
    List<Reference> references = new ArrayList<>();
    for (Model model : models) {
      for (MessageEventDefinition definition :
          model.instance().getModelElementsByType(MessageEventDefinition.class)) {
        ModelElementInstance event = definition.getParentElement();
        if (event instanceof StartEvent
            || event instanceof IntermediateCatchEvent
            || event instanceof BoundaryEvent) {
          addMessage(references, model, ownerId(event), definition.getMessage());
        }
      }
      for (ReceiveTask task : model.instance().getModelElementsByType(ReceiveTask.class)) {
        addMessage(references, model, task.getId(), task.getMessage());
      }
    }
    return references;
  }

  private static void addMessage(
      List<Reference> references, Model model, String elementId, Message message) {
    // a missing message or name is Zeebe's to reject (ZeebeModelValidationTest)
    if (message != null && isStatic(message.getName())) {
      references.add(new Reference(model.file(), elementId, "message", message.getName()));
    }
  }

  private static boolean isStatic(String value) {
    return value != null && !value.isBlank() && !value.startsWith("=");
  }

  /** The id of the element, or of its nearest ancestor with one (for extension elements). */
  private static String ownerId(ModelElementInstance element) {
    for (ModelElementInstance current = element;
        current != null;
        current = current.getParentElement()) {
      String id = current.getAttributeValue("id");
      if (id != null) {
        return id;
      }
    }
    return "(no id)";
  }

  private static Document parseXml(SourceFile file) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(file.open());
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new AssertionError(
          file.name() + " is not a readable XML document: " + e.getMessage(), e);
    }
  }
}
