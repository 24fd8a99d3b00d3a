using FastDense;

namespace Diabetes;

// Keras:
//   normalizer = keras.layers.Normalization(); normalizer.adapt(x_train)
//   model = keras.Sequential([keras.Input((10,)), normalizer,
//                             Dense(64, activation='relu'), Dense(64, activation='relu'), Dense(1)])
//   model.compile(optimizer='adam', loss='mse', metrics=['mae', 'r2_score'])

/// <summary>
/// 10 baseline variables -> Normalization -> Dense(64, relu) -> Dense(64, relu) -> Dense(1), mean squared error, with
/// Keras's mae and r2_score; Adam by default.
/// </summary>
[Model(Inputs = 10, Loss = Loss.MeanSquaredError, Metrics = new[] { "mae", "r2_score" })]
[Normalization]
[Dense(64, Activation.Relu)]
[Dense(64, Activation.Relu)]
[Dense(1)]
public partial class DiabetesNet;
