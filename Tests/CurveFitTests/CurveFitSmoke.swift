import Testing

@Suite struct CurveFitSmoke {
  @Test func moduleLinks() { #expect(true) }
}
