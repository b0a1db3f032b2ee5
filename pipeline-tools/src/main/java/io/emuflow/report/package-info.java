/**
 * The run report: one self-contained HTML page per run (results/report.html), drawn from the provenance store.
 *
 * <p>Holds: {@link io.emuflow.report.RunReport} (what a run produced, read from the store's tables),
 * {@link io.emuflow.report.LineageGraph} (a model's lineage as inline SVG) and {@link io.emuflow.report.ReportWriter}
 * (the Mustache template, plots embedded as data URIs). May import {@code provenance} (the store) and the JSON
 * library; knows nothing of DL4J, HDF5 or the physics. A new section of the page is a new key in
 * {@code RunReport}'s model and a block of {@code report.mustache}.
 */
package io.emuflow.report;
