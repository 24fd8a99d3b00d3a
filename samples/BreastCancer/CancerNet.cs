using FastDense;

namespace BreastCancer;

// Keras:
//   normalizer = keras.layers.Normalization(); normalizer.adapt(x_train)
//   model = keras.Sequential([keras.Input((30,)), normalizer, Dense(64, activation='relu'), Dropout(0.2),
//                             Dense(1, activation='sigmoid')])
//   model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy', 'auc', 'precision', 'recall'])

/// <summary>
/// 30 features -> Normalization -> Dense(64, relu) -> Dropout(0.2) -> Dense(1, sigmoid), binary cross-entropy, with
/// Keras's accuracy, AUC (ROC, 200 thresholds), precision and recall; Adam by default.
/// </summary>
[Model(Inputs = 30, Loss = Loss.BinaryCrossentropy, Metrics = new[] { "accuracy", "auc", "precision", "recall" })]
[Normalization]
[Dense(64, Activation.Relu)]
[Dropout(0.2)]
[Dense(1, Activation.Sigmoid)]
public partial class CancerNet;
