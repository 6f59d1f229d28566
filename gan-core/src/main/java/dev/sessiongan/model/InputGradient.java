package dev.sessiongan.model;

import java.util.ArrayList;
import java.util.Collection;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The gradient of a graph's loss with respect to its input "in", which DL4J M2.1's {@link ComputationGraph} has
 * no call for: the input vertex holds it as its epsilon when the backward pass ends, alive only outside
 * workspaces (which would recycle it; M2.1's backward pass reads the inference mode for that) and only until
 * {@code computeGradientAndScore} clears the vertices, so a listener copies it. The graph's parameters are not
 * changed; its workspace modes, listeners and masks are put back on {@link #close()}.
 */
final class InputGradient implements AutoCloseable {

    private final ComputationGraph graph;
    private final WorkspaceMode training;
    private final WorkspaceMode inference;
    private final Collection<TrainingListener> listeners;
    private INDArray captured;

    InputGradient(ComputationGraph graph) {
        this.graph = graph;
        ComputationGraphConfiguration conf = graph.getConfiguration();
        training = conf.getTrainingWorkspaceMode();
        inference = conf.getInferenceWorkspaceMode();
        listeners = new ArrayList<>(graph.getListeners());
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        graph.setListeners(new BaseTrainingListener() {
            @Override
            public void onBackwardPass(Model model) {
                captured = Nd4j.toFlattened('c', graph.getVertex("in").getEpsilon());
            }
        });
    }

    /**
     * d(loss)/d(features), flattened in {@code features}' 'c' order, for one batch; a null mask means none.
     */
    float[] of(INDArray features, INDArray labels, INDArray featureMask, INDArray labelMask) {
        graph.setInputs(features);
        graph.setLabels(labels);
        graph.setLayerMaskArrays(featureMask == null ? null : new INDArray[] {featureMask},
                labelMask == null ? null : new INDArray[] {labelMask});
        captured = null;
        graph.computeGradientAndScore();
        if (captured == null) {
            throw new IllegalStateException("the backward pass gave no input gradient");
        }
        return captured.toFloatVector();
    }

    @Override
    public void close() {
        graph.clearLayerMaskArrays();
        ComputationGraphConfiguration conf = graph.getConfiguration();
        conf.setTrainingWorkspaceMode(training);
        conf.setInferenceWorkspaceMode(inference);
        graph.setListeners(listeners);
    }
}
