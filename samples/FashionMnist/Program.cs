// Fashion-MNIST with a dense network, after Keras's "classify images of clothing" lesson: load the IDX files, scale
// the pixels to [0, 1], one-hot the labels, 784 -> Dense(128, relu) -> Dense(10, softmax), AdamW with a one-epoch
// warmup to 2e-3 then a cosine decay (the lesson: Adam), fit(epochs=5, validation_split=0.1) (the lesson: 10 epochs,
// no validation), evaluate on the test set, predict the first test image, plot accuracy per epoch. The steps are in
// FashionLesson.cs.
//
//   dotnet run -c Release --project samples/FashionMnist -- <folder with the four IDX files>
using Fashion;

return FashionLesson.Run(args, Console.Out, Console.Error, plotPath: "fashion-mnist-history.png");
