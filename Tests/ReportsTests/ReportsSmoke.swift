import Testing

@Suite struct ReportsSmoke {
  @Test func moduleLinks() { #expect(true) }
}
