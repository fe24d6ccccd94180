import Testing

@Suite struct RoutersSmoke {
  @Test func moduleLinks() { #expect(true) }
}
