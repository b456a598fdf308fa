/**
 * The town social-work stations (社工站) as round data: the district each serves and the communities
 * each resident social worker covers (Taicang, seed 002; DOMAIN.md §4). Read by the station's
 * workers to put a district on every record and to route outreach visits.
 */
package io.civicflow.workers.stations;
