import Testing

@Suite struct LearningSmoke {
  @Test func moduleLinks() { #expect(true) }
}
