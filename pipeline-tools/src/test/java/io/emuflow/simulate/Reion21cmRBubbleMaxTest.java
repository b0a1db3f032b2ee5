package io.emuflow.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.emuflow.data.Parameter;
import io.emuflow.fields.Box;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * R_BUBBLE_MAX above a third of the box side (21cmFAST refuses it with its sharp k-space filter unless told to
 * ignore it): the simulator warns with the value and the limit, keeps the warning for the sidecars, and makes it an
 * error under {@code strict_r_bubble_max: true}.
 */
class Reion21cmRBubbleMaxTest {
    private static final Parameter ZETA = new Parameter("HII_EFF_FACTOR", "", 5, 200);
    private static final Parameter TVIR = new Parameter("ION_Tvir_MIN", "log10 K", 4, 6);

    private static List<Parameter> parameters(double rMaxUpper) {
        return List.of(ZETA, TVIR, new Parameter("R_BUBBLE_MAX", "Mpc", 5, rMaxUpper));
    }

    private static Map<String, Object> settings(double boxLength, Object... extra) {
        Map<String, Object> settings = new HashMap<>(Map.of("hii_dim", 16, "box_length", boxLength, "redshifts", List.of(8)));
        for (int i = 0; i < extra.length; i += 2) {
            settings.put((String) extra[i], extra[i + 1]);
        }
        return settings;
    }

    private static List<String> beyondThird(List<String> warnings) {
        return warnings.stream().filter(w -> w.contains("exceeds a third of the")).toList();
    }

    @Test
    void aRangeBeyondAThirdOfTheBoxIsLoggedAndKeptWithItsValueAndLimit() {
        Logger logger = (Logger) LoggerFactory.getLogger(Reion21cmSimulator.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            Simulator simulator = SimulatorRegistry.createFor("reion21cm", settings(48.0), parameters(20));
            List<String> warnings = beyondThird(simulator.warnings());
            assertEquals(1, warnings.size(), simulator.warnings().toString());
            String warning = warnings.get(0);
            assertTrue(warning.startsWith("R_BUBBLE_MAX up to 20.0 Mpc exceeds a third of the 48 Mpc box (16.0 Mpc)"), warning);
            List<String> logged = appender.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
            assertEquals(simulator.warnings(), logged, "every kept warning was logged, in order");
            assertEquals(false, simulator.resolvedSettings().get("strict_r_bubble_max"), "provenance records the setting");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void aRangeWithinAThirdOfTheBoxRaisesNothing() {
        assertTrue(Reion21cmSimulator.beyondThirdOfBox(new Box(16, 48.0), parameters(16).get(2)).isEmpty(), "exactly a third is allowed");
        assertTrue(Reion21cmSimulator.beyondThirdOfBox(new Box(64, 256.0), parameters(20).get(2)).isEmpty());
        assertTrue(Reion21cmSimulator.beyondThirdOfBox(new Box(16, 48.0), parameters(16.01).get(2)).isPresent());
        assertEquals(List.of(), beyondThird(SimulatorRegistry.createFor("reion21cm", settings(64.0, "strict_r_bubble_max", true),
                parameters(20)).warnings()));
    }

    @Test
    void strictRBubbleMaxMakesItAnError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SimulatorRegistry.createFor("reion21cm", settings(48.0, "strict_r_bubble_max", true), parameters(20)));
        assertTrue(error.getMessage().contains("20.0 Mpc") && error.getMessage().contains("(16.0 Mpc)"), error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimulatorRegistry.create("reion21cm", settings(48.0, "strict_r_bubble_max", "yes")));
    }
}
