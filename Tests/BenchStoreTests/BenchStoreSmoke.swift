import Testing

@Suite struct BenchStoreSmoke {
  @Test func moduleLinks() { #expect(true) }
}
