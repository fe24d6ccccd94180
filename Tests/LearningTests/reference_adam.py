#!/usr/bin/env python3
"""Two steps of Adam with coupled L2 (torch.optim.Adam(weight_decay=wd), its single-tensor update) in plain
Python floats, for OptimizerTests.adamCoupledL2FirstTwoStepsFromTheReferenceScript. No numpy, no torch.

torch/optim/adam.py, _single_tensor_adam, amsgrad=False, maximize=False:
    grad = grad.add(param, alpha=weight_decay)
    exp_avg.lerp_(grad, 1 - beta1)                 # m = b1*m + (1-b1)*g
    exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
    bias_correction1 = 1 - beta1 ** step
    bias_correction2 = 1 - beta2 ** step
    step_size = lr / bias_correction1
    denom = (exp_avg_sq.sqrt() / sqrt(bias_correction2)).add_(eps)
    param.addcdiv_(exp_avg, denom, value=-step_size)

Run: python3 Tests/LearningTests/reference_adam.py
"""
import math

lr, wd, b1, b2, eps = 0.1, 0.1, 0.9, 0.999, 1e-8
theta = [1.0, -2.0, 0.5]
grads = [[0.5, -0.1, 0.0], [0.2, 0.3, -0.4]]
m = [0.0] * 3
v = [0.0] * 3
for step, g in enumerate(grads, start=1):
    g = [gj + wd * tj for gj, tj in zip(g, theta)]
    m = [b1 * mj + (1 - b1) * gj for mj, gj in zip(m, g)]
    v = [b2 * vj + (1 - b2) * gj * gj for vj, gj in zip(v, g)]
    step_size = lr / (1 - b1 ** step)
    bc2_sqrt = math.sqrt(1 - b2 ** step)
    theta = [tj - step_size * mj / (math.sqrt(vj) / bc2_sqrt + eps) for tj, mj, vj in zip(theta, m, v)]
    print(f"after step {step}: " + ", ".join(f"{t:.9f}" for t in theta))
