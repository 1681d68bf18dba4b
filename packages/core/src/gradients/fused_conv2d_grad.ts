import type { FusedConv2DAttrs, GradConfig } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { activationGradient } from './fused_mat_mul_grad';

/**
 * The gradient of the `FusedConv2D` kernel when it is run directly (as {@link conv2d} does;
 * `tf.fused.conv2d` wraps the kernel in its own custom gradient and never reaches this). The
 * input's and the filter's gradients are computed only when asked for. NHWC, no dilation,
 * `linear` or `relu` activation.
 */
export const fusedConv2dGradConfig: GradConfig = {
  kernelName: tf.FusedConv2D,
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved as [tf.Tensor4D, tf.Tensor4D, tf.Tensor4D];
    const { strides, pad, dilations, activation, dataFormat } =
      attrs as unknown as FusedConv2DAttrs;
    const dilated = tf.util.sizeFromShape(Array.isArray(dilations) ? dilations : [dilations]) !== 1;
    if (dataFormat !== 'NHWC' || dilated) {
      throw new Error(
        'gankit: the gradient of a directly run FusedConv2D needs NHWC and no dilation.',
      );
    }
    const dz = activationGradient(dy as tf.Tensor4D, y, activation);
    const common = { strides, pad, dataFormat: 'NHWC' };
    return {
      x: () =>
        tf
          .engine()
          .runKernel(
            tf.Conv2DBackpropInput,
            { dy: dz, filter },
            { ...common, inputShape: x.shape },
          ),
      filter: () =>
        tf
          .engine()
          .runKernel(
            tf.Conv2DBackpropFilter,
            { x, dy: dz },
            { ...common, filterShape: filter.shape },
          ),
      bias: () => tf.sum(dz, [0, 1, 2]),
    };
  },
};
