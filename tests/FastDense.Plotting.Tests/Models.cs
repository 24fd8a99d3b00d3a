using FastDense;

namespace FastDense.Plotting.Tests;

// Small models whose Fit runs give the tests real Histories, through the public API only.

/// <summary>Two classes from two inputs: reports accuracy, so the default plot is accuracy and val_accuracy.</summary>
[Model(Inputs = 2, Loss = Loss.CategoricalCrossentropy)]
[Dense(8, Activation.Relu)]
[Dense(2, Activation.Softmax)]
public partial class TwoClassNet;

/// <summary>A regression: reports mae, not accuracy, so the default plot is loss and val_loss.</summary>
[Model(Inputs = 2, Loss = Loss.MeanSquaredError)]
[Dense(3, Activation.Tanh)]
[Dense(1)]
public partial class LineNet;
