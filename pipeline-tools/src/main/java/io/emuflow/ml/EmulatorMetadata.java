package io.emuflow.ml;

import java.util.List;

/** What an emulator maps: the study, its input parameter names in order, the target and its grid. */
public record EmulatorMetadata(String study, List<String> paramNames, String targetName, double[] grid, String gridName) {}
