// The Simulation module. See docs/architecture.md for what it owns and may import.
public enum SimulationModule { public static let name = "Simulation" }
