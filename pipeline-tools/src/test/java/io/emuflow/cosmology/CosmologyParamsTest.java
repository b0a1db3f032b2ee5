package io.emuflow.cosmology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CosmologyParamsTest {
    private static Map<String, Double> fiducial() {
        Map<String, Double> m = new HashMap<>();
        m.put("H0", 67.36);
        m.put("omega_b", 0.02237);
        m.put("omega_c", 0.12);
        m.put("ln10As", 3.044);
        m.put("n_s", 0.9649);
        return m;
    }

    @Test
    void readsRequiredAndDefaultsOptional() {
        CosmologyParams p = CosmologyParams.fromMap(fiducial());
        assertEquals(0.6736, p.h(), 1e-12);
        assertEquals(-1, p.w0());
        assertEquals(0, p.wa());
        assertEquals(0, p.omegaK());
        assertEquals(2.0989031e-9, p.aS(), 1e-15);
        assertEquals(0.31377210, p.omegaMatter(), 1e-7); // cosmologies_public.csv, id 0
    }

    @Test
    void rejectsUnknownMissingAndUnphysical() {
        Map<String, Double> unknown = fiducial();
        unknown.put("sigma8", 0.8);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CosmologyParams.fromMap(unknown)).getMessage().contains("sigma8"));
        Map<String, Double> missing = fiducial();
        missing.remove("n_s");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CosmologyParams.fromMap(missing)).getMessage().contains("n_s"));
        for (String[] bad : new String[][] {{"omega_b", "-0.01"}, {"n_s", "2.5"}, {"H0", "5"}, {"omega_c", "NaN"}, {"w0", "0.5"}}) {
            Map<String, Double> m = fiducial();
            m.put(bad[0], Double.parseDouble(bad[1]));
            String message = assertThrows(IllegalArgumentException.class, () -> CosmologyParams.fromMap(m)).getMessage();
            assertTrue(message.contains(bad[0]), message);
        }
    }
}
