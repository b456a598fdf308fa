/**
 * Documents the processes carry: Camunda 8.8's document references ({@link DocumentReference}, the
 * shape a form-js file picker writes into a variable), the {@link Documents} port the workers
 * upload, read and link them through (adapter: {@code camunda.CamundaDocuments}, the Java client's
 * document commands, so the same code runs against Camunda 8's document store), and the PDFs the
 * workers generate from process data ({@link PdfWriter}).
 */
package io.civicflow.workers.documents;
