using FastDense;

namespace Fashion;

/// <summary>What <see cref="FashionLesson.Train"/> ends with: the trained model, its History and its score on the test set.</summary>
/// <param name="Model">The trained model.</param>
/// <param name="History">What <c>Fit</c> returned: loss, accuracy, val_loss, val_accuracy per epoch.</param>
/// <param name="Test">The model's loss and accuracy on the test images (Keras's <c>model.evaluate(test_images, test_labels)</c>).</param>
public sealed record LessonResult(FashionNet Model, History History, EvaluationResult Test);
