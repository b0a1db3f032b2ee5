package io.emuflow.ml.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuflow.ml.optim.RAdam;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;

class NetworkFactoryTest {
    static BaseLayer layer(MultiLayerNetwork net, int i) {
        return (BaseLayer) net.getLayer(i).conf().getLayer();
    }

    @Test
    void adamStaysTheDefaultAndRadamIsEveryLayersUpdaterAtTheFirstStagesRate() {
        MultiLayerNetwork byDefault = NetworkFactory.build(EmulatorTrainerTest.settings(), 3, 5, 1);
        MultiLayerNetwork adam = NetworkFactory.build(EmulatorTrainerTest.settings("optimizer", "adam"), 3, 5, 1);
        // the same configuration and the same initial weights as before the optimizer setting existed
        assertEquals(byDefault.getLayerWiseConfigurations().toJson(), adam.getLayerWiseConfigurations().toJson());
        assertEquals(byDefault.params(), adam.params());
        MultiLayerNetwork radam = NetworkFactory.build(EmulatorTrainerTest.settings("optimizer", "radam", "learning_rate", 2e-3), 3, 5, 1);
        for (int i = 0; i < radam.getnLayers(); i++) {
            assertEquals(new Adam(3e-3), layer(adam, i).getIUpdater());
            assertInstanceOf(RAdam.class, layer(radam, i).getIUpdater());
            assertEquals(2e-3, ((RAdam) layer(radam, i).getIUpdater()).getLearningRate());
        }
    }

    /** Klambauer et al. 2017: SELU layers start from N(0, 1/fan_in); tanh keeps Xavier's 2/(fan_in + fan_out). */
    @Test
    void seluLayersGetLecunNormalWeights() {
        for (String activation : List.of("selu", "tanh")) {
            MultiLayerNetwork net = NetworkFactory.build(EmulatorTrainerTest.settings("activation", activation, "hidden_layers",
                    List.of(200, 1000)), 3, 5, 4);
            INDArray w = net.getLayer(1).getParam("W"); // 200 -> 1000: 200,000 draws
            double mean = w.meanNumber().doubleValue();
            double variance = w.varNumber().doubleValue();
            double expected = activation.equals("selu") ? 1.0 / 200 : 2.0 / (200 + 1000);
            assertEquals(0, mean, 5 * Math.sqrt(expected / w.length()));
            // the sample variance of 200,000 normal draws is within 1% of the truth (its relative sd is 0.3%)
            assertEquals(expected, variance, 0.01 * expected, activation);
            assertTrue(activation.equals("selu") == (layer(net, 1).getActivationFn() instanceof org.nd4j.linalg.activations.impl.ActivationSELU));
        }
    }
}
