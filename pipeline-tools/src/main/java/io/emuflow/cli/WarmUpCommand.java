package io.emuflow.cli;

import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;

/**
 * Loads ND4J once, so that JavaCPP unpacks its native libraries into the cache (about 400 MB, 1.4 s):
 * container images run it at build time, so that no task pays for it.
 */
@Command(name = "warm-up", mixinStandardHelpOptions = true,
        description = "Load the neural-network backend once (unpacks its native libraries into the cache) and report it.")
final class WarmUpCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(WarmUpCommand.class);

    @Override
    public Integer call() {
        double sum = Nd4j.ones(4, 4).mmul(Nd4j.ones(4, 4)).sumNumber().doubleValue();
        if (sum != 64.0) {
            throw new IllegalStateException("the ND4J backend computed a wrong product (sum " + sum + ", expected 64)");
        }
        LOG.info("ND4J backend ready: {}", Nd4j.getBackend().getClass().getSimpleName());
        return 0;
    }
}
