using FastDense;

namespace FastDense.CrashResume;

/// <summary>
/// 64 digit pixels -> Dense(64, relu) -> Dropout(0.2) -> Dense(10, softmax), categorical cross-entropy: Dropout so that
/// a resumed run must redraw the masks of the steps before it, Adam (set by the program) so that it must restore the
/// moments and the step count.
/// </summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dropout(0.2)]
[Dense(10, Activation.Softmax)]
internal sealed partial class CrashNet;
