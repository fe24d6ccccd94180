// The Sweep module. See docs/architecture.md for what it owns and may import.
public enum SweepModule { public static let name = "Sweep" }
