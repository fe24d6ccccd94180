import Testing

@Suite struct BenchCoreSmoke {
  @Test func moduleLinks() { #expect(true) }
}
