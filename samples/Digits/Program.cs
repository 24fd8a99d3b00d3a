// The Keras lesson (load digits, one-hot, split, Dense(64, relu) -> Dense(10, softmax), Adam,
// fit(epochs=10, batch_size=32, validation_split=0.2)), step by step, in C#.
using Digits;
using FastDense;
using FastDense.Data;
using FastDense.Plotting;

// Load data: 1797 8x8 images as 64 raw pixel counts (0..16), labels 0..9.
Dataset digits = Datasets.LoadDigits();
float[] x = digits.Features;

// Convert to one-hot encoding (Keras's to_categorical).
float[] y = OneHot.Encode(digits.Labels(), classCount: 10);

// Split the data into training and test sets (train_test_split, test_size=0.2).
var (xTrain, xTest, yTrain, yTest) = TrainTestSplit.Split(x, y, digits.Rows, testSize: 0.2, seed: 42);

// Create the model: the [Model] declaration in DigitsNet.cs. Adam with Keras's defaults is the optimizer.
var model = new DigitsNet(seed: 0);
Console.WriteLine(model.Summary());

// Train the model.
History history = model.Fit(xTrain, yTrain, new FitOptions { Epochs = 10, BatchSize = 32, ValidationSplit = 0.2 });

// The history: accuracy and val_accuracy per epoch (what the lesson plots).
Console.WriteLine();
Console.WriteLine(history);

EvaluationResult test = model.Evaluate(xTest, yTest);
Console.WriteLine($"Test loss: {test.Loss:F4} - test accuracy: {test.Accuracy:F4}");

// Plot accuracy and val_accuracy per epoch as the lesson's matplotlib lines do:
// plt.plot(...accuracy...); plt.plot(...val_accuracy...); plt.xlabel('Epoch'); plt.ylabel('Accuracy');
// plt.ylim([0, 1]); plt.legend(loc='lower right').
string plotPath = Path.GetFullPath("history.png");
HistoryPlot.Save(history, plotPath, new HistoryPlotOptions
{
    Keys = ["accuracy", "val_accuracy"],
    XLabel = "Epoch",
    YLabel = "Accuracy",
    YLimits = (0, 1),
    Legend = LegendLocation.LowerRight,
});
Console.WriteLine($"Accuracy per epoch plotted to {plotPath}");
