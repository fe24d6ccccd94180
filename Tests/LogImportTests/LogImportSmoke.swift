import Testing

@Suite struct LogImportSmoke {
  @Test func moduleLinks() { #expect(true) }
}
