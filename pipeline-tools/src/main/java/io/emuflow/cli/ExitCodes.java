package io.emuflow.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Exit codes: 2 for bad input (fix the input), 3 for I/O trouble (disk, locks), 1 for anything else. */
final class ExitCodes {
    static final int BAD_INPUT = 2;
    static final int IO_ERROR = 3;
    static final int INTERNAL = 1;

    private ExitCodes() {}

    static int of(Throwable error) {
        if (error instanceof IllegalArgumentException) {
            return BAD_INPUT;
        }
        if (error instanceof IOException || error instanceof UncheckedIOException) {
            return IO_ERROR;
        }
        return INTERNAL;
    }
}
