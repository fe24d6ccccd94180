// The Learning module. See docs/architecture.md for what it owns and may import.
public enum LearningModule { public static let name = "Learning" }
