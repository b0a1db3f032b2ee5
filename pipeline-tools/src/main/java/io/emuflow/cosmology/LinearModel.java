package io.emuflow.cosmology;

/** PLACEHOLDER (replaced by the cosmology work). */
public enum LinearModel { CORRECTED, EH_WIGGLE, EH_NO_WIGGLE }
