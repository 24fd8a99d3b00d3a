namespace FastDense.Kernels;

/// <summary>Which register width the matrix products run on (see <see cref="KernelDispatch"/>). Ordered: a higher value is a wider path.</summary>
internal enum KernelPath
{
    Scalar = 0,
    Vector128 = 1,
    Vector256 = 2,
    Vector512 = 3,
}
