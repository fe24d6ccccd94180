#!/usr/bin/env python3
"""Reference solutions for CurveFitTests, computed with scipy.optimize.least_squares(method='trf').

Run once and commit the output; the Swift tests never need Python:

    python3 Tests/CurveFitTests/scipy_reference.py > Tests/CurveFitTests/ScipyReferenceData.swift

Every dataset is generated here from a fixed seed and printed with round-trip (repr) precision, so the
Swift side fits exactly the same numbers. The frontier initial guess mirrors
SaturationFrontier.initialGuess(for:) so both solvers start from the same point; x_scale=1 is passed
explicitly (it is the 'trf' default, but the default of x_scale changed in scipy 1.16).
"""
import math

import numpy as np
import scipy
from scipy.optimize import least_squares

LB = np.array([0.0, 0.0, 0.0])
UB = np.array([np.inf, np.inf, 100.0])


def frontier(p, x):
    return -p[0] * np.expm1(-p[1] * x) + p[2]


def frontier_jac(p, x):
    return np.column_stack([-np.expm1(-p[1] * x), p[0] * x * np.exp(-p[1] * x), np.ones_like(x)])


def pareto_front(costs, accs):
    order = sorted(range(len(costs)), key=lambda i: (costs[i], -accs[i]))
    front, best = [], -math.inf
    for i in order:
        if accs[i] > best:
            front.append((costs[i], accs[i]))
            best = accs[i]
    return front


def initial_guess(costs, accs):
    """Mirror of SaturationFrontier.initialGuess(for:)."""
    front = pareto_front(costs, accs)
    c0 = min(max(front[0][1], 0.0), 100.0)
    a0 = front[-1][1] - c0
    if not a0 > 0:
        spread = max(accs) - min(accs)
        a0 = spread if spread > 0 else 1.0
    fallback = 0.5 * (max(costs) - min(costs))
    x_half = next((c for c, a in front if a >= c0 + 0.5 * a0), fallback)
    if not x_half > 0:
        x_half = fallback
    return [a0, math.log(2.0) / x_half, c0]


def fit_frontier(costs, accs):
    x = np.array(costs)
    y = np.array(accs)
    res = least_squares(lambda p: frontier(p, x) - y, initial_guess(costs, accs),
                        jac=lambda p: frontier_jac(p, x), bounds=(LB, UB), method='trf', x_scale=1.0)
    return res


def frontier_datasets():
    rng = np.random.default_rng(20240611)
    sets = []
    # 1. A clean saturating frontier with moderate noise.
    costs = np.sort(np.exp(rng.uniform(np.log(0.05), np.log(10.0), 12)))
    accs = frontier([42.0, 0.9, 31.0], costs) + rng.normal(0, 1.2, costs.size)
    sets.append(("noisyFrontier", "saturating curve a=42, b=0.9, c=31 plus N(0, 1.2²) noise", costs, accs))
    # 2. Scores above 100 near zero cost: the bound c ≤ 100 is active at the optimum.
    costs = np.sort(rng.uniform(0.0, 5.0, 10))
    accs = frontier([6.0, 1.3, 103.0], costs) + rng.normal(0, 0.4, costs.size)
    sets.append(("upperBoundActive", "a=6, b=1.3, c=103 (> 100) plus noise: c ≤ 100 is active", costs, accs))
    # 3. Accuracy falling with cost: with a ≥ 0, b ≥ 0 the best fit is the flat line at the mean, reached
    #    by a = 0, b = 0 or b → ∞ alike, so only the cost and the fitted values are unique.
    costs = np.sort(rng.uniform(0.2, 6.0, 9))
    accs = 70.0 - 2.0 * costs + rng.normal(0, 0.8, costs.size)
    sets.append(("decreasingAccuracy", "accuracy 70 − 2x plus noise: the best fit is flat, so (a, b, c) is not unique", costs, accs))
    # 4. A router sweep: 20 points, many dominated (below the curve).
    costs = np.sort(np.exp(rng.uniform(np.log(0.1), np.log(30.0), 20)))
    accs = frontier([35.0, 0.25, 48.0], costs) - np.abs(rng.normal(0, 2.5, costs.size))
    sets.append(("dominatedSweep", "20 points at or below a=35, b=0.25, c=48", costs, accs))
    return sets


def rosenbrock():
    fun = lambda x: np.array([10 * (x[1] - x[0] ** 2), 1 - x[0]])
    jac = lambda x: np.array([[-20 * x[0], 10.0], [-1.0, 0.0]])
    x0, lb, ub = [2.0, 2.0], [-np.inf, 1.5], [np.inf, np.inf]
    res = least_squares(fun, x0, jac=jac, bounds=(lb, ub), method='trf', x_scale=1.0)
    return x0, lb, ub, res


ROSENBROCK_BOXES = [
    # (x0, lower, upper): corners, one-sided and two-sided boxes; several bounds active at the optimum.
    ([-1.0, 3.0], [-1.0, 1.5], [0.9, 3.0]),
    ([-1.2, 1.0], [-2.0, -2.0], [2.0, 2.0]),
    ([1.0, 2.0], [0.0, 1.5], [1.0, np.inf]),
    ([-1.9, -1.9], [-2.0, -2.0], [0.5, 0.2]),
    ([0.1, 2.5], [-0.5, 2.0], [3.0, 3.0]),
    ([-3.0, 1.0], [-4.0, -1.0], [4.0, 2.0]),
    ([-2.0, 3.0], [-2.5, -np.inf], [0.8, np.inf]),
    ([3.0, -1.0], [-np.inf, -np.inf], [np.inf, 0.5]),
]


def rosenbrock_boxes():
    fun = lambda x: np.array([10 * (x[1] - x[0] ** 2), 1 - x[0]])
    jac = lambda x: np.array([[-20 * x[0], 10.0], [-1.0, 0.0]])
    out = []
    for x0, lb, ub in ROSENBROCK_BOXES:
        res = least_squares(fun, x0, jac=jac, bounds=(lb, ub), method='trf', x_scale=1.0)
        out.append((x0, lb, ub, res))
    return out


def exp_decay():
    rng = np.random.default_rng(7)
    t = np.linspace(0.0, 4.0, 15)
    y = 5.0 * np.exp(-1.3 * t) + rng.normal(0, 0.05, t.size)
    fun = lambda p: p[0] * np.exp(-p[1] * t) - y
    x0, lb, ub = [1.0, 0.5], [0.0, 0.0], [np.inf, 10.0]
    res = least_squares(fun, x0, jac='2-point', bounds=(lb, ub), method='trf', x_scale=1.0)
    return t, y, x0, lb, ub, res


def lit(values):
    out = []
    for v in values:
        v = float(v)
        out.append("-.infinity" if v == -math.inf else ".infinity" if v == math.inf else repr(v))
    return "[" + ", ".join(out) + "]"


def main():
    print("// Generated by Tests/CurveFitTests/scipy_reference.py — do not edit by hand.")
    print(f"// scipy {scipy.__version__}, numpy {np.__version__}: least_squares(method='trf', x_scale=1),")
    print("// default ftol = xtol = gtol = 1e-8, max_nfev = 100·n.")
    print()
    print("enum ScipyReference {")
    for name, what, costs, accs in frontier_datasets():
        res = fit_frontier(list(costs), list(accs))
        print(f"  /// {what}")
        print(f"  static let {name} = FrontierCase(")
        print(f"    costs: {lit(costs)},")
        print(f"    accuracies: {lit(accs)},")
        print(f"    initialGuess: {lit(initial_guess(list(costs), list(accs)))},")
        print(f"    x: {lit(res.x)}, cost: {float(res.cost)!r}, nfev: {res.nfev}, status: {res.status},")
        print(f"    activeMask: {list(int(a) for a in res.active_mask)})")
        print()
    x0, lb, ub, res = rosenbrock()
    print("  /// Rosenbrock r = (10(x₁ − x₀²), 1 − x₀), x₁ ≥ 1.5 active, analytic Jacobian.")
    print("  static let boundedRosenbrock = GeneralCase(")
    print(f"    x0: {lit(x0)}, lower: {lit(lb)}, upper: {lit(ub)},")
    print(f"    x: {lit(res.x)}, cost: {float(res.cost)!r}, nfev: {res.nfev}, status: {res.status})")
    print()
    print("  /// The same Rosenbrock residuals in assorted boxes (paths are sensitive to every step rule).")
    print("  static let rosenbrockBoxes: [GeneralCase] = [")
    for x0, lb, ub, res in rosenbrock_boxes():
        print(f"    GeneralCase(x0: {lit(x0)}, lower: {lit(lb)}, upper: {lit(ub)},")
        print(f"                x: {lit(res.x)}, cost: {float(res.cost)!r}, nfev: {res.nfev}, status: {res.status}),")
    print("  ]")
    print()
    t, y, x0, lb, ub, res = exp_decay()
    print("  /// y = A·e^{−k·t}, A = 5, k = 1.3 plus N(0, 0.05²) noise; finite-difference ('2-point') Jacobian.")
    print("  static let expDecayT: [Double] = " + lit(t))
    print("  static let expDecayY: [Double] = " + lit(y))
    print("  static let expDecay = GeneralCase(")
    print(f"    x0: {lit(x0)}, lower: {lit(lb)}, upper: {lit(ub)},")
    print(f"    x: {lit(res.x)}, cost: {float(res.cost)!r}, nfev: {res.nfev}, status: {res.status})")
    print("}")


if __name__ == "__main__":
    main()
