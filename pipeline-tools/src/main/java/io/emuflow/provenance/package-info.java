/**
 * The provenance store (DESIGN.md section 6): the sidecar every step writes ({@link io.emuflow.provenance.StepProvenance}),
 * the single writer that ingests sidecars into H2 or PostgreSQL ({@link io.emuflow.provenance.Recorder};
 * {@link io.emuflow.provenance.ProvenanceStore}, {@link io.emuflow.provenance.StoreTarget}; Flyway migrations in
 * schema/db), and the questions asked of the store: lineage ({@link io.emuflow.provenance.Auditor}), file
 * verification ({@link io.emuflow.provenance.Verifier}) and standard documents ({@link io.emuflow.provenance.ProvExport}).
 *
 * <p>May import {@code data} (atomic writes); knows nothing of physics or networks. A new audit question is a new
 * class here (one per verb) and a subcommand of {@code audit}.
 */
package io.emuflow.provenance;
