/**
 * Progress of long steps (simulate, train, searches, infer): a progress bar with rate and time left on a terminal
 * (me.tongfei:progressbar), plain periodic log lines elsewhere (Nextflow tasks, whose .command.log a user reads).
 *
 * <p>May import only the progress bar library and SLF4J; every step package may use it. Knows nothing of what it
 * counts.
 */
package io.emuflow.progress;
