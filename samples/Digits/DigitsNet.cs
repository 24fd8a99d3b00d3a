using FastDense;

namespace Digits;

// Keras:
//   model = Sequential()
//   model.add(Dense(64, input_dim=64, activation='relu'))
//   model.add(Dense(10, activation='softmax'))
//   model.compile(loss='categorical_crossentropy', optimizer='adam', metrics=['accuracy'])
[Model(Inputs = 64, Loss = Loss.CategoricalCrossentropy)]
[Dense(64, Activation.Relu)]
[Dense(10, Activation.Softmax)]
public partial class DigitsNet;
