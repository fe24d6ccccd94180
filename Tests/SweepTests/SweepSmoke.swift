import Testing

@Suite struct SweepSmoke {
  @Test func moduleLinks() { #expect(true) }
}
