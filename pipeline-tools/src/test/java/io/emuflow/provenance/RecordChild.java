package io.emuflow.provenance;

import java.nio.file.Path;

/** Run in a child JVM by RecordProcessTest: records sidecars one by one and says on stdout when each is committed. */
public final class RecordChild {
    private RecordChild() {}

    public static void main(String[] args) {
        try (ProvenanceStore store = ProvenanceStore.open(Path.of(args[0]), true)) {
            Recorder recorder = new Recorder(store, new RunInfo(args[1], null, null, null, null));
            for (int i = 2; i < args.length; i++) {
                recorder.ingest(Path.of(args[i]));
                System.out.println("committed " + args[i]);
                System.out.flush();
            }
        }
    }
}
