using FastDense;

namespace BreastCancer;

/// <summary>What <see cref="BreastCancerLesson.Train"/> ends with: the trained model, its History and its score on the test set.</summary>
/// <param name="Model">The trained model, its Normalization adapted to the training rows.</param>
/// <param name="History">What <c>Fit</c> returned: loss, accuracy, auc, precision, recall and their <c>val_</c> keys per epoch.</param>
/// <param name="Test">The model's loss and metrics on the test rows (Keras's <c>model.evaluate(x_test, y_test)</c>).</param>
public sealed record LessonResult(CancerNet Model, History History, EvaluationResult Test);
