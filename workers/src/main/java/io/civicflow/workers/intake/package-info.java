/**
 * Intake: what people outside the bureau hand in through a start form of the console — a resident's
 * complaint (filed by the resident's community liaison or district office), a supplier's 质疑 or 投诉,
 * a supplier's clarification question — reaches the process that handles it as the message that
 * process waits for ({@code processes/README.md}, "Messages"), so no path needs the REST API.
 */
package io.civicflow.workers.intake;
