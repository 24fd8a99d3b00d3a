// Breast Cancer Wisconsin, binary classification as Keras writes it: split 80/20, Normalization.adapt(x_train) ->
// Dense(64, relu) -> Dropout(0.2) -> Dense(1, sigmoid), binary cross-entropy, Adam, metrics accuracy, AUC, precision
// and recall, fit with validation_split=0.2 for up to 100 epochs with EarlyStopping on val_loss (patience 10, the best
// epoch's weights restored), evaluate on the test set, plot auc and val_auc. The steps are in BreastCancerLesson.cs.
//
//   dotnet run -c Release --project samples/BreastCancer
using BreastCancer;

return BreastCancerLesson.Run(Console.Out, plotPath: "breast-cancer-history.png");
