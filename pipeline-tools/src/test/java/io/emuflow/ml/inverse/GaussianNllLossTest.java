package io.emuflow.ml.inverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The DL4J loss: its score and gradient through DL4J's interface, against finite differences; its JSON round trip. */
class GaussianNllLossTest {
    @Test
    void scoreAndGradientMatchFiniteDifferencesThroughTheDl4jInterface() {
        for (int K : new int[] {1, 2}) {
            GaussianNllLoss loss = new GaussianNllLoss(2, K, 1e-6);
            int width = loss.head().width();
            Nd4j.getRandom().setSeed(3);
            INDArray pre = Nd4j.rand(DataType.DOUBLE, 5, width).subi(0.5).muli(3);
            INDArray labels = Nd4j.rand(DataType.DOUBLE, 5, 2).subi(0.5).muli(4);
            Pair<Double, INDArray> r = loss.computeGradientAndScore(labels, pre, new ActivationIdentity(), null, true);
            assertEquals(loss.computeScore(labels, pre, new ActivationIdentity(), null, false) / 5, r.getFirst(), 1e-12);
            INDArray gradient = r.getSecond();
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < width; j++) {
                    double h = 1e-6;
                    INDArray up = pre.dup();
                    INDArray down = pre.dup();
                    up.putScalar(i, j, pre.getDouble(i, j) + h);
                    down.putScalar(i, j, pre.getDouble(i, j) - h);
                    // the gradient is per sample (DL4J's updater divides by the minibatch size): compare with the summed score
                    double numeric = (loss.computeScore(labels, up, new ActivationIdentity(), null, false)
                            - loss.computeScore(labels, down, new ActivationIdentity(), null, false)) / (2 * h);
                    assertEquals(numeric, gradient.getDouble(i, j), 1e-6 * Math.max(1, Math.abs(numeric)), "K " + K + " [" + i + ", " + j + "]");
                }
            }
            // a row mask of 0 removes a sample's score and gradient
            INDArray mask = Nd4j.ones(DataType.DOUBLE, 5, 1);
            mask.putScalar(2, 0, 0);
            INDArray masked = loss.computeGradient(labels, pre, new ActivationIdentity(), mask);
            assertEquals(0, masked.getRow(2).norm2Number().doubleValue(), 0);
            assertEquals(gradient.getDouble(1, 0), masked.getDouble(1, 0), 0);
        }
    }

    @Test
    void theLossTravelsThroughNetworkJson() {
        InverseSettings settings = InverseSettings.fromMap(Map.of("name", "m", "head", "mixture", "components", 4, "hidden_layers", List.of(8)));
        ComputationGraph graph = InverseNetworkFactory.build(settings, 1, 6, 3, 1);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(graph.getConfiguration().toJson());
        org.deeplearning4j.nn.conf.graph.LayerVertex vertex = (org.deeplearning4j.nn.conf.graph.LayerVertex) back.getVertices().get("params");
        BaseOutputLayer layer = (BaseOutputLayer) vertex.getLayerConf().getLayer();
        assertEquals(new GaussianNllLoss(3, 4, MixtureHead.VARIANCE_FLOOR), layer.getLossFn());
        assertEquals(3 * 3 * 4, layer.getNOut());
    }
}
