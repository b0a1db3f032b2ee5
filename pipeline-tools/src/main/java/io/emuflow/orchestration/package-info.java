/**
 * Running a study from other schedulers (docs/orchestration.md, docs/airflow.md): the pipeline's stages in order
 * ({@link io.emuflow.orchestration.Stages}, the list that {@code --stop_after} accepts and that {@code
 * workflows/stages.nf} gates on), and the generated Apache Airflow DAG ({@link io.emuflow.orchestration.AirflowDag}).
 *
 * <p>Imports only the JDK; {@code cli.AirflowDagCommand} is its command. A new orchestrator is one generator class
 * here, driven by {@code Stages}.
 */
package io.emuflow.orchestration;
