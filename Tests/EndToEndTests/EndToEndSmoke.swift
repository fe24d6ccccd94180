import Testing

@Suite struct EndToEndSmoke {
  @Test func moduleLinks() { #expect(true) }
}
