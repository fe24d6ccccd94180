/// The words every simulated question and prediction is made of.
///
/// Token-counting contract with the importer: input tokens = tokens(question) + 256 per image, output tokens =
/// tokens(prediction). The importer's first-cut counter counts maximal runs of letters/digits plus every other
/// non-space character; the exact counter is cl100k_base. The two agree on text made only of the words below
/// separated by single spaces, because every word here is **one** cl100k_base token both with and without a
/// leading space (checked with an offline cl100k_base implementation, see docs/simulation.md) and consists of
/// ASCII letters only. Digits are avoided on purpose: cl100k_base splits " 12" into a space and "12".
enum Vocabulary {
  /// General filler for explanations and questions. Contains neither "yes" nor "no" (the yes/no extractor looks
  /// for those words), no number words, no single letters and none of `answerWords`.
  static let filler: [String] = words("""
    the of and to in is that for it as with was on be at by this have from or an are not but what all were when \
    we there can which their if has will each about how up out them then many some so these would other into \
    more like see time could make than first been its who now people made over did down only way find use may \
    long little very after words called just where most know get through back much before go good new write our \
    used too any day same right look think also around another came come work word must because does part even \
    place well such here take why things help put years different away again off old number great tell say \
    small every found still between name should big give line set own under read last never us left end along \
    while might next sound below something thought both few those always show large often going want important \
    until form keep side without once life took sometimes head above kind almost live page got need far hand \
    high year light parts let following picture being study second soon times since ever hard near sentence \
    better best during today others however sure means try whole hear example heard change answer point using \
    usually image shows value figure question option correct text total shown label area size shape higher lower \
    center front middle bottom upper inside outside step result thus given equal equals sum difference product \
    count choice describe scene photo document
    """)

  /// `filler` as one UTF-8 buffer and each word's span in it, for the prediction renderer.
  static let fillerUTF8: [UInt8] = Array(filler.joined().utf8)
  static let fillerSpans: [Range<Int>] = {
    var spans: [Range<Int>] = []
    var start = 0
    for w in filler {
      spans.append(start..<(start + w.utf8.count))
      start += w.utf8.count
    }
    return spans
  }()

  /// Words that tie a question to one latent factor: `topics[l][0]` for a negative and `topics[l][1]` for a
  /// positive deviation of factor l from its dataset mean. A text featurizer that sees these words sees part of z.
  static let topics: [[[String]]] = [
    [["water", "sea", "air", "sky", "sun"], ["city", "street", "building", "road", "office"]],
    [["person", "woman", "child", "player", "team"], ["dog", "cat", "bird", "horse", "cow"]],
    [["red", "blue", "green", "yellow", "orange"], ["black", "white", "gray", "brown", "purple"]],
    [["table", "chair", "cup", "phone", "book"], ["window", "door", "wall", "floor", "box"]],
    [["angle", "length", "width", "height", "triangle"], ["radius", "degree", "circle", "square", "round"]],
    [["graph", "bar", "axis", "plot", "chart"], ["map", "country", "land", "earth", "field"]],
    [["price", "percent", "rate", "level", "data"], ["date", "month", "letter", "company", "store"]],
    [["game", "ball", "play", "school", "house"], ["tree", "sign", "car", "night", "mother"]],
  ]

  /// Answers of open questions (TextVQA, ChartQA, DocVQA, InfoVQA) and of OCRBench: one to three of these words.
  static let answerWords: [String] = words("""
    water sea air sky sun city street building road office person woman child player team dog cat bird horse \
    cow red blue green yellow orange black white gray brown purple table chair cup phone book window door wall \
    floor box map country land earth field price date month letter company store game ball school house tree \
    sign car night mother father children food animals world story paper room pink home
    """)

  /// Math answers: number words that are single tokens.
  static let numberWords: [String] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                      "ten", "twenty"]

  /// Option letters of multiple-choice questions (single tokens with and without a leading space).
  static let optionLetters: [String] = ["A", "B", "C", "D"]

  private static func words(_ text: String) -> [String] {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
  }
}
