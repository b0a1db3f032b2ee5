/**
 * Study files (conf/studies/NAME.yaml): loading, validation against schema/study.schema.json, test overrides and the
 * resolved study that every step records.
 *
 * <p>May import {@code data}; steps read a {@link io.emuflow.study.Study}, never the YAML.
 */
package io.emuflow.study;
