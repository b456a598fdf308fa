package io.civicflow.workers.procurement;

import java.util.List;

/**
 * The result of the conformity review of a bid's project team.
 *
 * @param teamConforms whether every staffing rule holds
 * @param nonConformities what fails, in the words an evaluation committee reads (Chinese)
 */
public record TeamConformity(boolean teamConforms, List<String> nonConformities) {}
