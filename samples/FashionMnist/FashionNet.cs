using FastDense;

namespace Fashion;

// Keras ("Basic classification: classify images of clothing"):
//   model = Sequential([Flatten(input_shape=(28, 28)), Dense(128, activation='relu'), Dense(10, activation='softmax')])
//   model.compile(optimizer='adam', loss='categorical_crossentropy', metrics=['accuracy'])
// The images arrive flattened already: 28 x 28 = 784 inputs per row. The sample trains it with AdamW and a cosine
// schedule instead of Adam (FashionLesson.Optimizer).

/// <summary>784 pixels -> Dense(128, relu) -> Dense(10, softmax), categorical cross-entropy; Adam by default.</summary>
[Model(Inputs = 784, Loss = Loss.CategoricalCrossentropy)]
[Dense(128, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class FashionNet;
