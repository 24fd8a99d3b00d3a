using FastDense.Tests.Models;

namespace FastDense.Tests.Initializers;

/// <summary>
/// Keras's initializer <c>seed</c> (keras/src/initializers/random_initializers.py, <c>RandomInitializer</c>: "an
/// initializer seeded with an integer ... will produce the same random values across multiple calls"): a seeded
/// tensor's values depend on its seed, initializer and shape, not on the model's seed or its place in the model; the
/// numbers are FastDense's stream's, not TensorFlow's.
/// </summary>
public class InitializerSeedTests
{
    private static float[] Tensor<TKernel>(Model<TKernel, float> model, int layer, string name) where TKernel : struct, IModelKernel<float>
    {
        TensorDescription tensor = model.Description.Layers[layer].Tensor(name);
        return model.Parameters.Slice(tensor.Offset, tensor.Length).ToArray();
    }

    [Fact]
    public void SameSeedInitializerAndShape_StartIdentical_WhateverTheModelSeed()
    {
        var one = new SeededNet(seed: 1);
        var other = new SeededNet(seed: 2);
        // Two layers of one model, and the same layers of two models seeded differently.
        Assert.Equal(Tensor(one, 0, "kernel"), Tensor(one, 1, "kernel"));
        Assert.Equal(Tensor(one, 0, "bias"), Tensor(one, 1, "bias"));
        Assert.Equal(Tensor(one, 0, "kernel"), Tensor(other, 0, "kernel"));
        Assert.Equal(Tensor(one, 0, "bias"), Tensor(other, 0, "bias"));
        Assert.Equal(Tensor(one, 3, "kernel"), Tensor(other, 3, "kernel"));
        // The unseeded layer draws from the model's stream: another model seed, other values.
        Assert.NotEqual(Tensor(one, 2, "kernel"), Tensor(other, 2, "kernel"));
        // Reinitializing with any seed leaves the seeded tensors as they are.
        other.Reinitialize(7);
        Assert.Equal(Tensor(one, 0, "kernel"), Tensor(other, 0, "kernel"));
        // A bias seeded 5 with random_uniform is not the kernel seeded 42: the seed chooses the values.
        Assert.NotEqual(Tensor(one, 0, "kernel")[..8], Tensor(one, 0, "bias"));
    }

    [Fact]
    public void ASeededTensor_DependsOnItsSeedAndShape_NotOnTheModelAroundIt()
    {
        // SeededTwinNet's first kernel: he_normal(seed=42) of (8, 8), as SeededNet's, in another model with another loss.
        var twin = new SeededTwinNet(seed: 9);
        var model = new SeededNet(seed: 3);
        Assert.Equal(Tensor(model, 0, "kernel"), Tensor(twin, 0, "kernel"));
        // he_normal(seed=43) of (8, 1): another seed, other values (as far as the shorter one goes).
        Assert.NotEqual(Tensor(twin, 0, "kernel")[..8], Tensor(twin, 1, "kernel"));
        // Within the initializer's bounds: he_normal is a normal truncated at ±2σ, σ = sqrt(2 / fan_in) / 0.8796.
        double limit = 2 * Math.Sqrt(2.0 / 8) / 0.87962566103423978;
        Assert.All(Tensor(model, 0, "kernel"), v => Assert.InRange(v, -limit, limit));
        Assert.All(Tensor(model, 0, "bias"), v => Assert.InRange(v, -0.05f, 0.05f));
        Assert.True(Tensor(model, 0, "kernel").Distinct().Count() == 64);
    }

    [Fact]
    public void SeededTensors_TakeNothingFromTheModelsStream()
    {
        // SeededNet's first unseeded kernel (dense_2, glorot_uniform (8, 8)) takes the model stream's first draws: those
        // UnseededNet's first kernel, of the same shape and initializer, takes from the same model seed.
        for (int seed = 0; seed < 3; seed++)
        {
            Assert.Equal(Tensor(new UnseededNet(seed), 0, "kernel"), Tensor(new SeededNet(seed), 2, "kernel"));
        }
    }

    [Fact]
    public void FloatAndDouble_DrawTheSameValues_RoundedToTheirType()
    {
        var single = new SeededNet(seed: 4);
        var twin = new SeededNet64(seed: 4);
        double[] p = twin.Parameters.ToArray();
        Assert.Equal(p.Select(v => (float)v).ToArray(), single.Parameters.ToArray());
    }

    [Fact]
    public void Description_CarriesTheInitializerAndItsSeed_ByKerasNames()
    {
        LayerDescription first = SeededNet.Kernel.Description.Layers[0], output = SeededNet.Kernel.Description.Layers[3];
        Assert.Equal(
            [new("kernel_initializer", (int)Initializer.HeNormal), new("kernel_initializer.seed", 42), new("bias_initializer", (int)Initializer.RandomUniform),
             new("bias_initializer.minval", -0.05), new("bias_initializer.maxval", 0.05), new("bias_initializer.seed", 5)],
            first.Arguments);
        Assert.Equal([new("kernel_initializer", (int)Initializer.GlorotUniform), new("kernel_initializer.seed", 0)], output.Arguments);
        Assert.Empty(SeededNet.Kernel.Description.Layers[2].Arguments);
    }
}
