// The Routers module. See docs/architecture.md for what it owns and may import.
public enum RoutersModule { public static let name = "Routers" }
