using FastDense;

namespace Diabetes;

/// <summary>What <see cref="DiabetesLesson.Train"/> ends with: the trained model, its History and its score on the test set.</summary>
/// <param name="Model">The trained model, its Normalization adapted to the training rows.</param>
/// <param name="History">What <c>Fit</c> returned: loss, mae, r2_score and their <c>val_</c> keys per epoch.</param>
/// <param name="Test">The model's loss and metrics on the test rows (Keras's <c>model.evaluate(x_test, y_test)</c>).</param>
public sealed record LessonResult(DiabetesNet Model, History History, EvaluationResult Test);
