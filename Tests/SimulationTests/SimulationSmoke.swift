import Testing

@Suite struct SimulationSmoke {
  @Test func moduleLinks() { #expect(true) }
}
