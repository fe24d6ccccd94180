public import BenchCore

/// ECVL-Router's split (Sec. 4.2.2): 60/20/20 train/dev/test, seeded, "preserving the distribution of sources and
/// labels". Stratified by dataset and by which of the two models meets the MES (four cells per dataset), each
/// stratum shuffled and cut as `StratifiedSplit` does. The MES label (Eq. 2) is a function of the cell — L = 0
/// exactly when the edge fails the MES and the cloud meets it — so its distribution is preserved, and so is each
/// model's APSP (All-at-Large and All-at-Small score on test what they score on all samples, to rounding).
public enum ScenarioSplit {
  public static let ratios = StratifiedSplit.Ratios(train: 0.6, dev: 0.2, test: 0.2)

  /// Rows per part, each sorted. The same split serves every labelling rule at this MES (Table 4's columns are
  /// scored on the same test samples).
  public static func make(data: PairData, mes: MES, seed: UInt64) -> [SplitName: [Int]] {
    let strata = (0..<data.count).map { i -> Int32 in
      Int32(data.sampleDataset[i]) * 4 + (mes.isMet(by: data.edgeScore[i]) ? 2 : 0)
        + (mes.isMet(by: data.cloudScore[i]) ? 1 : 0)
    }
    var names: [String] = []
    for d in data.datasets {
      names += ["edge<MES,cloud<MES", "edge<MES,cloud≥MES", "edge≥MES,cloud<MES", "edge≥MES,cloud≥MES"]
        .map { d.name + "/" + $0 }
    }
    return StratifiedSplit.make(sampleDataset: strata, datasetNames: names, seed: seed, ratios: ratios)
  }

  /// The split's name in a run identity (its members are in the identity's fingerprint).
  public static func name(seed: UInt64) -> String { "ecvl-60-20-20-dataset-mes-cells/seed-\(seed)" }
}
