/**
 * Custom DL4J layers of the CosmoPower network (Spurio Mancini et al. 2022): the trainable activation, fused dense
 * layers and their Vector API kernels (jdk.incubator.vector) for fast, bit-reproducible inference.
 *
 * <p>Imports only DL4J/ND4J and the JDK; used by {@code ml}.
 */
package io.emuflow.ml.layers;
