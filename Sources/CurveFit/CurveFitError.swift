/// Errors thrown by the CurveFit module. Every case carries enough context to say what was wrong
/// with which input; `description` renders it as one readable sentence.
public enum CurveFitError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The problem definition itself is invalid (`what` names the field and the reason).
  case invalidProblem(String)
  /// An option is out of range (`name`, offending `value`, and what is allowed).
  case invalidOption(name: String, value: Double, requirement: String)
  /// The residual function returned a vector of the wrong length or with non-finite entries at `x`.
  case invalidResiduals(count: Int, expected: Int?, nonFinite: Bool, at: [Double])
  /// The Jacobian function returned a matrix of the wrong size or with non-finite entries at `x`.
  case invalidJacobian(count: Int, expected: Int, nonFinite: Bool, at: [Double])
  /// LAPACK `dgesvd_` reported failure (`info` is its return code).
  case svdFailed(info: Int32, rows: Int, columns: Int)
  /// A frontier fit got fewer points than the model needs.
  case tooFewPoints(count: Int, required: Int)
  /// Every point of a frontier fit has the same cost, so the curve's shape is not identifiable.
  case allCostsEqual(cost: Double, count: Int)
  /// A frontier point has a NaN or infinite cost or accuracy.
  case nonFinitePoint(index: Int, cost: Double, accuracy: Double)
  /// A frontier point has a negative cost (costs are USD per 10K samples, so they are ≥ 0).
  case negativeCost(index: Int, cost: Double)

  public var description: String {
    switch self {
    case .invalidProblem(let what):
      return "invalid least-squares problem: \(what)"
    case .invalidOption(let name, let value, let requirement):
      return "invalid option \(name) = \(value): \(requirement)"
    case .invalidResiduals(let count, let expected, let nonFinite, let x):
      if nonFinite {
        return "residual function returned non-finite values at x = \(x)"
      }
      let exp = expected.map { "\($0)" } ?? "at least 1"
      return "residual function returned \(count) values at x = \(x), expected \(exp)"
    case .invalidJacobian(let count, let expected, let nonFinite, let x):
      if nonFinite {
        return "Jacobian function returned non-finite values at x = \(x)"
      }
      return "Jacobian function returned \(count) entries at x = \(x), expected \(expected) (row-major m×n)"
    case .svdFailed(let info, let rows, let columns):
      return "LAPACK dgesvd_ failed with info = \(info) on a \(rows)×\(columns) matrix"
    case .tooFewPoints(let count, let required):
      return "frontier fit needs at least \(required) points, got \(count)"
    case .allCostsEqual(let cost, let count):
      return "frontier fit needs at least two distinct costs; all \(count) points have cost \(cost)"
    case .nonFinitePoint(let index, let cost, let accuracy):
      return "frontier point \(index) is not finite (cost = \(cost), accuracy = \(accuracy))"
    case .negativeCost(let index, let cost):
      return "frontier point \(index) has negative cost \(cost); costs must be ≥ 0"
    }
  }
}
