// Diabetes progression, regression as Keras writes it: split 80/20, Normalization.adapt(x_train) -> Dense(64, relu)
// -> Dense(64, relu) -> Dense(1), mean squared error, Adam, metrics mae and r2_score, fit with validation_split=0.2,
// evaluate on the test set, plot loss and val_loss. The steps are in DiabetesLesson.cs.
//
//   dotnet run -c Release --project samples/Diabetes
using Diabetes;

return DiabetesLesson.Run(Console.Out, plotPath: "diabetes-history.png");
