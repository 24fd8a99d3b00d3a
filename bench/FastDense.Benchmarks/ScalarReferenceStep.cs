namespace FastDense.Benchmarks;

/// <summary>
/// The baseline of <see cref="TrainStepBench"/>: one training step of the digits model (64 -> Dense(64, relu) ->
/// Dense(10, softmax), categorical cross-entropy, Adam) written as plain scalar C#, one sample at a time, with no
/// SIMD, no TensorPrimitives and no FastDense code. It is the same math as the generated step, so the ratio of the
/// two is the speed-up of FastDense's batch-major kernels over the textbook loops:
/// <list type="number">
/// <item>forward per sample: h = relu(x · W0 + b0), p = softmax(h · W1 + b1) (the max is subtracted before exp);</item>
/// <item>the loss and accuracy that <c>TrainStep</c> also reports (from the logits as Keras's TensorFlow backend: log-sum-exp minus the target's logit; arg-max match);</item>
/// <item>backward per sample, accumulated: d1 = (p - y) / rows (softmax and cross-entropy fused),
///   dW1 += hᵀ d1, db1 += d1, d0 = (d1 · W1ᵀ) ⊙ (h &gt; 0), dW0 += xᵀ d0, db0 += d0;</item>
/// <item>Adam, Keras's formula, one scalar loop: alpha = lr · sqrt(1 - β2^t) / (1 - β1^t);
///   m += (g - m)(1 - β1); v += (g² - v)(1 - β2); w -= alpha · m / (sqrt(v) + ε).</item>
/// </list>
/// Parameters use the generated layout (kernels [in, out] row-major, then biases), so the two can be compared
/// element by element. Allocates nothing per step.
/// </summary>
public sealed class ScalarReferenceStep
{
    private const int Inputs = DigitsNet.InputSize, Hidden = DigitsNet.Units0, Outputs = DigitsNet.OutputSize;
    private const int Kernel0 = 0, Bias0 = Kernel0 + Inputs * Hidden, Kernel1 = Bias0 + Hidden, Bias1 = Kernel1 + Hidden * Outputs;
    private const int ParameterCount = Bias1 + Outputs;

    // Keras's Adam defaults, as FastDense's Adam uses them.
    private const double LearningRate = 0.001, Beta1 = 0.9, Beta2 = 0.999;
    private const float Epsilon = 1e-7f;

    private readonly float[] _m = new float[ParameterCount], _v = new float[ParameterCount];
    private readonly float[] _h = new float[Hidden], _z = new float[Outputs], _p = new float[Outputs], _d0 = new float[Hidden];
    private long _step;

    /// <summary>Starts from a copy of <paramref name="initialParameters"/> (the generated layout), with zero Adam state.</summary>
    public ScalarReferenceStep(ReadOnlySpan<float> initialParameters)
    {
        if (initialParameters.Length != ParameterCount)
        {
            throw new ArgumentException($"Expected {ParameterCount} parameters, got {initialParameters.Length}.", nameof(initialParameters));
        }
        Parameters = initialParameters.ToArray();
    }

    /// <summary>The parameters, in the generated layout.</summary>
    public float[] Parameters { get; }

    /// <summary>The gradient of the last step's mean loss, in the generated layout.</summary>
    public float[] Gradient { get; } = new float[ParameterCount];

    /// <summary>One step on <paramref name="rows"/> rows: gradient, then Adam. Returns the loss sum and correct rows, as TrainStep reports them.</summary>
    public (double LossSum, int Correct) TrainStep(float[] x, float[] y, int rows)
    {
        (double lossSum, int correct) = ComputeGradient(x, y, rows);
        ApplyAdam(Gradient);
        return (lossSum, correct);
    }

    /// <summary>Writes the gradient of the mean loss over the rows into <see cref="Gradient"/>, sample by sample.</summary>
    public (double LossSum, int Correct) ComputeGradient(float[] x, float[] y, int rows)
    {
        float[] w = Parameters, g = Gradient;
        Array.Clear(g);
        double lossSum = 0;
        int correct = 0;
        float scale = 1f / rows;
        for (int r = 0; r < rows; r++)
        {
            int xo = r * Inputs, yo = r * Outputs;

            // h = relu(x · W0 + b0)
            for (int j = 0; j < Hidden; j++)
            {
                float s = w[Bias0 + j];
                for (int i = 0; i < Inputs; i++) s += x[xo + i] * w[Kernel0 + i * Hidden + j];
                _h[j] = s > 0 ? s : 0;
            }

            // p = softmax(h · W1 + b1)
            float max = float.NegativeInfinity;
            for (int k = 0; k < Outputs; k++)
            {
                float s = w[Bias1 + k];
                for (int j = 0; j < Hidden; j++) s += _h[j] * w[Kernel1 + j * Outputs + k];
                _z[k] = s;
                if (s > max) max = s;
            }
            float sum = 0;
            for (int k = 0; k < Outputs; k++)
            {
                _p[k] = MathF.Exp(_z[k] - max);
                sum += _p[k];
            }
            for (int k = 0; k < Outputs; k++) _p[k] /= sum;

            // Loss Σ y (log-sum-exp(z) - z) and accuracy (first arg-max of p equals first arg-max of y), in double.
            double logSumExp = max + Math.Log(sum);
            int bestP = 0, bestY = 0;
            for (int k = 0; k < Outputs; k++)
            {
                if (y[yo + k] != 0) lossSum += y[yo + k] * (logSumExp - _z[k]);
                if (_p[k] > _p[bestP]) bestP = k;
                if (y[yo + k] > y[yo + bestY]) bestY = k;
            }
            if (bestP == bestY) correct++;

            // d1 = (p - y) / rows: softmax and cross-entropy fused. dW1 += hᵀ d1; db1 += d1. Kept in _p.
            for (int k = 0; k < Outputs; k++)
            {
                float d = (_p[k] - y[yo + k]) * scale;
                _p[k] = d;
                g[Bias1 + k] += d;
            }
            for (int j = 0; j < Hidden; j++)
            {
                for (int k = 0; k < Outputs; k++) g[Kernel1 + j * Outputs + k] += _h[j] * _p[k];
            }

            // d0 = (d1 · W1ᵀ) ⊙ relu'(h)
            for (int j = 0; j < Hidden; j++)
            {
                float s = 0;
                if (_h[j] > 0)
                {
                    for (int k = 0; k < Outputs; k++) s += _p[k] * w[Kernel1 + j * Outputs + k];
                }
                _d0[j] = s;
            }

            // dW0 += xᵀ d0; db0 += d0
            for (int j = 0; j < Hidden; j++) g[Bias0 + j] += _d0[j];
            for (int i = 0; i < Inputs; i++)
            {
                float xi = x[xo + i];
                for (int j = 0; j < Hidden; j++) g[Kernel0 + i * Hidden + j] += xi * _d0[j];
            }
        }
        return (lossSum, correct);
    }

    /// <summary>One Adam update of <see cref="Parameters"/> from <paramref name="gradient"/>, Keras's formula, scalar.</summary>
    public void ApplyAdam(ReadOnlySpan<float> gradient)
    {
        _step++;
        float alpha = (float)(LearningRate * Math.Sqrt(1 - Math.Pow(Beta2, _step)) / (1 - Math.Pow(Beta1, _step)));
        const float OneMinusBeta1 = (float)(1 - Beta1), OneMinusBeta2 = (float)(1 - Beta2);
        float[] w = Parameters;
        for (int i = 0; i < ParameterCount; i++)
        {
            float gi = gradient[i];
            _m[i] += (gi - _m[i]) * OneMinusBeta1;
            _v[i] += (gi * gi - _v[i]) * OneMinusBeta2;
            w[i] -= alpha * _m[i] / (MathF.Sqrt(_v[i]) + Epsilon);
        }
    }
}
