/** The procurement ports' adapters over the Camunda client (bid messages). */
package io.civicflow.workers.procurement.camunda;
