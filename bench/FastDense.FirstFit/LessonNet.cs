using FastDense;

namespace FastDense.FirstFit;

/// <summary>
/// The digits lesson's model, declared as samples/Digits declares it: 64 -> Dense(64, relu) -> Dense(10, softmax),
/// categorical cross-entropy, Adam.
/// </summary>
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class LessonNet;
