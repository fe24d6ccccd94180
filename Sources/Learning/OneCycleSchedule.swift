internal import Foundation

/// PyTorch's `OneCycleLR` learning rate (Smith & Topin, "Super-convergence", 2019) in its default two-phase,
/// cosine-annealed form: from `maxRate / divFactor` up to `maxRate` over the first `pctStart` of the steps, then
/// down to `maxRate / (divFactor · finalDivFactor)`.
///
///     phase 1 ends at step e₁ = pctStart·total − 1, phase 2 at total − 1; within a phase from step s to e,
///     rate = end + (start − end)·½·(1 + cos(π·(step − s)/(e − s)))
///
/// (`torch.optim.lr_scheduler.OneCycleLR._schedule_phases`, `_annealing_cos`). PyTorch also cycles Adam's β₁
/// between 0.85 and 0.95 by default; this schedule sets the rate only.
public struct OneCycleSchedule: Sendable, Hashable, Codable {
  public var maxRate: Double
  public var totalSteps: Int
  public var pctStart: Double
  public var divFactor: Double
  public var finalDivFactor: Double

  public init(maxRate: Double, totalSteps: Int, pctStart: Double = 0.3, divFactor: Double = 25,
              finalDivFactor: Double = 1e4) {
    precondition(totalSteps >= 1 && pctStart > 0 && pctStart < 1, "OneCycleSchedule: \(totalSteps) steps, pct \(pctStart)")
    self.maxRate = maxRate
    self.totalSteps = totalSteps
    self.pctStart = pctStart
    self.divFactor = divFactor
    self.finalDivFactor = finalDivFactor
  }

  public var initialRate: Double { maxRate / divFactor }
  public var minimumRate: Double { initialRate / finalDivFactor }

  /// The rate of optimiser step `step` (0-based).
  public func rate(at step: Int) -> Double {
    let phases: [(end: Double, start: Double, stop: Double)] = [
      (pctStart * Double(totalSteps) - 1, initialRate, maxRate),
      (Double(totalSteps) - 1, maxRate, minimumRate),
    ]
    var startStep = 0.0
    let s = Double(step)
    for (i, p) in phases.enumerated() {
      if s <= p.end || i == phases.count - 1 {
        let span = p.end - startStep
        let pct = span > 0 ? (s - startStep) / span : 1
        return p.stop + (p.start - p.stop) / 2 * (1 + cos(Double.pi * pct))
      }
      startStep = p.end
    }
    return minimumRate
  }
}
