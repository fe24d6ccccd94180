public import BenchCore
internal import Foundation

/// The statistics branch's inputs (ECVL-Router Sec. 4.2.1, "lightweight statistics from raw inputs"): what can be
/// counted in a query before any model runs.
///
/// Per sample: log(1 + characters), log(1 + words), log(1 + digits), log(1 + numeric words), log(1 + special
/// characters — neither letter, digit nor space), question marks, share of upper-case letters, log(1 + input
/// tokens), has an image (0/1), then a one-hot of the dataset. The paper's image statistics (width, height, colour
/// channels) need the pixels, which the stored data does not hold (docs/ecvl.md, "Differences").
public enum QueryStatistics {
  /// Names of the columns, in order, for a benchmark with these datasets.
  public static func columnNames(datasets: [DatasetInfo]) -> [String] {
    ["log_chars", "log_words", "log_digits", "log_numbers", "log_special", "question_marks", "upper_share",
     "log_input_tokens", "has_image"] + datasets.map { "dataset=" + $0.name }
  }

  /// N × (9 + datasets) statistics of every sample of `data`.
  public static func matrix(_ data: PairData) -> Matrix<Float> {
    matrix(prompts: data.prompts, inputTokens: data.inputTokens, hasImage: data.hasImage,
           sampleDataset: data.sampleDataset, datasetCount: data.datasets.count)
  }

  /// The same statistics from the sample columns (any protocol's pair data: the multi-metric one has no judge
  /// scores). `sampleDataset` indexes `0..<datasetCount`.
  public static func matrix(prompts: [String], inputTokens: [Int32], hasImage: [Bool], sampleDataset: [Int32],
                            datasetCount: Int) -> Matrix<Float> {
    let d = datasetCount
    let width = 9 + d
    let n = prompts.count
    var m = Matrix<Float>(rows: n, columns: width, repeating: 0)
    for i in 0..<n {
      let p = prompts[i]
      var chars = 0, digits = 0, special = 0, questions = 0, upper = 0, letters = 0
      for ch in p.unicodeScalars {
        chars += 1
        if ch.properties.isAlphabetic {
          letters += 1
          if ch.properties.isUppercase { upper += 1 }
        } else if ("0"..."9").contains(ch) {
          digits += 1
        } else if ch == "?" {
          questions += 1
          special += 1
        } else if !ch.properties.isWhitespace {
          special += 1
        }
      }
      let words = p.split(whereSeparator: { $0.isWhitespace })
      let numbers = words.filter { w in Double(w.trimmingCharacters(in: .punctuationCharacters)) != nil }.count
      let row: [Float] = [
        log1pf(Float(chars)), log1pf(Float(words.count)), log1pf(Float(digits)), log1pf(Float(numbers)),
        log1pf(Float(special)), Float(questions), letters == 0 ? 0 : Float(upper) / Float(letters),
        log1pf(Float(inputTokens[i])), hasImage[i] ? 1 : 0,
      ]
      for (j, v) in row.enumerated() { m[i, j] = v }
      m[i, 9 + Int(sampleDataset[i])] = 1
    }
    return m
  }
}
