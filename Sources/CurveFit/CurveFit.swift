// The CurveFit module. See docs/architecture.md for what it owns and may import.
public enum CurveFitModule { public static let name = "CurveFit" }
