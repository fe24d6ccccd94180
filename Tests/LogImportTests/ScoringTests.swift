import Foundation
import Testing
@testable import LogImport

@Suite struct ScoringPythonSemanticsTests {
  @Test func stripSplitContainsEqual() {
    #expect(PythonText.strip("\u{1C} \t a b \u{3000}") == "a b")
    #expect(PythonText.split("  a\u{A0}b\n\nc ") == ["a", "b", "c"])
    #expect(PythonText.split("") == [])
    #expect(PythonText.contains("cafe\u{301}", "cafe"))          // Python: True; Swift's String.contains: false
    #expect(!PythonText.equal("caf\u{E9}", "cafe\u{301}"))         // Python: different strings
    #expect(PythonText.replace("a--b-", "-", "") == "ab")
  }

  @Test func intAndFloatLikePython() {
    #expect(PythonText.int(" 12 ") == 12)
    #expect(PythonText.int("+1_000") == 1000)
    #expect(PythonText.int("-7") == -7)
    #expect(PythonText.int("\u{663}\u{664}") == 34)                 // Arabic-Indic digits
    for bad in ["1__0", "_1", "1_", "12.0", "", "1e3", "0x10", "--1", "1 2"] {
      #expect(PythonText.int(bad) == nil, "\(bad)")
    }
    #expect(PythonText.float("1e3") == 1000)
    #expect(PythonText.float(".5") == 0.5)
    #expect(PythonText.float("5.") == 5)
    #expect(PythonText.float(" -2.5E-1 ") == -0.25)
    #expect(PythonText.float("1_0.5") == 10.5)
    #expect(PythonText.float("Infinity") == .infinity)
    #expect(PythonText.float("-inf") == -.infinity)
    #expect(PythonText.float("nan")?.isNaN == true)
    for bad in [".", "1e", "0x10", "1.2.3", "e5", "", "1,5", "infinite", "0x1p3"] {
      #expect(PythonText.float(bad) == nil, "\(bad)")
    }
  }

  @Test func pythonListLiterals() {
    #expect(PythonListLiteral.strings("['a', \"b's\", 'c\\'d']") == ["a", "b's", "c'd"])
    #expect(PythonListLiteral.strings("[]") == [])
    #expect(PythonListLiteral.strings("['x',]") == ["x"])
    #expect(PythonListLiteral.strings("[1, 2.5, -3]") == ["1", "2.5", "-3"])
    #expect(PythonListLiteral.strings("('a', 'b')") == ["a", "b"])
    #expect(PythonListLiteral.strings("['\\u00e9\\n\\x41']") == ["é\nA"])
    for bad in ["CENTRE", "['unterminated", "['a' 'b']", "[a]", "['a'] x", "14", "('a')"] {
      #expect(PythonListLiteral.strings(bad) == nil, "\(bad)")
    }
    #expect(VQAScore.answers(fromCell: "14") == ["14"])
  }

  @Test func pandasNAStrings() {
    #expect(PandasNA.asPandasString("None") == "nan")
    #expect(PandasNA.asPandasString("NA") == "nan")
    #expect(PandasNA.asPandasString("") == "nan")
    #expect(PandasNA.asPandasString("none") == "none")
    #expect(PandasNA.asPandasString("Dakota") == "Dakota")
  }

  @Test func numpyPairwiseSummation() {
    // Values printed by NumPy 2.4: np.sum([0.1]*10) == 1.0 while Python's sum gives 0.9999999999999999.
    #expect(NumPy.sum(Array(repeating: 0.1, count: 10)) == 1.0)
    #expect(Array(repeating: 0.1, count: 10).reduce(0, +) == 0.9999999999999999)
    let a = (0..<1000).map { Double(($0 * 7919) % 1000) / 997.0 }
    #expect(NumPy.sum(a) == 501.00300902708125)                 // naive: 501.0030090270812
    #expect(NumPy.mean(a) == 0.5010030090270813)
    #expect(NumPy.mean(Array(repeating: 1.0 / 3, count: 17)) == 0.3333333333333333)
    #expect(NumPy.mean([]).isNaN)
  }
}

@Suite struct ScoringVQATests {
  @Test func periodRules() {
    #expect(VQANormalization.normalize("1990.", rule: .legacy) == "1990")
    #expect(VQANormalization.normalize("1990.", rule: .current) == "1990.")
    #expect(VQANormalization.normalize("Dakota.", rule: .legacy) == "dakota")
    #expect(VQANormalization.normalize("Dakota.", rule: .current) == "dakota")
    #expect(VQANormalization.normalize("3.14", rule: .legacy) == "3.14")
    #expect(VQANormalization.normalize("v1.2.", rule: .current) == "v1.2.")
    #expect(VQANormalization.normalize("a.b", rule: .current) == "ab")
    // At most 32 periods are removed (re.UNICODE passed as sub's count).
    let many = String(repeating: "x.", count: 33)
    #expect(VQANormalization.normalize(many, rule: .legacy) == String(repeating: "x", count: 33) + ".")
  }

  @Test func punctuationDigitsArticlesContractions() {
    #expect(VQANormalization.normalize("The cat's toy!", rule: .legacy) == "cat's toy")
    #expect(VQANormalization.normalize("Two dogs", rule: .legacy) == "2 dogs")
    #expect(VQANormalization.normalize("none", rule: .legacy) == "0")
    #expect(VQANormalization.normalize("Dont", rule: .legacy) == "don't")
    #expect(VQANormalization.normalize("a-b", rule: .legacy) == "b")          // '-' → space, "a" is an article
    #expect(VQANormalization.normalize("1,000 people", rule: .legacy) == "1000 people")
    #expect(VQANormalization.normalize("yes, sir", rule: .legacy) == "yes sir")
    #expect(VQANormalization.normalize("(left)\nside\t", rule: .legacy) == "left side")
    #expect(VQANormalization.normalize("an apple", rule: .legacy) == "apple")
  }

  @Test func vqaAccuracyMeanOfLeaveOneOut() {
    let three = Array(repeating: "dakota", count: 3) + Array(repeating: "other", count: 7)
    #expect(VQAScore.accuracy(prediction: "Dakota.", answers: three, rule: .legacy) == 0.9)
    let four = Array(repeating: "dakota", count: 4) + Array(repeating: "other", count: 6)
    #expect(VQAScore.accuracy(prediction: "dakota", answers: four, rule: .legacy) == 1.0)
    let one = ["dakota"] + Array(repeating: "other", count: 9)
    #expect(VQAScore.accuracy(prediction: "dakota", answers: one, rule: .legacy) == 0.3)
    #expect(VQAScore.accuracy(prediction: "x", answers: one, rule: .legacy) == 0)
    // The period rule decides "1990." vs "1990".
    let years = Array(repeating: "1990", count: 10)
    #expect(VQAScore.accuracy(prediction: "1990.", answers: years, rule: .legacy) == 1)
    #expect(VQAScore.accuracy(prediction: "1990.", answers: years, rule: .current) == 0)
  }

  @Test func periodRuleFromRunDirectory() {
    #expect(VQAPeriodRule.forRunDirectory("T20250426_Ga32ffdf2") == .legacy)
    #expect(VQAPeriodRule.forRunDirectory("T20250815_G1234abcd") == .current)
    #expect(VQAPeriodRule.forRunDirectory("T20260418-101500") == .current)
    #expect(VQAPeriodRule.forRunDirectory("outputs") == nil)
  }

  @Test func chartQARelaxedAccuracy() {
    #expect(ChartQAScore.relaxedCorrectness(target: "100", prediction: "104"))
    #expect(!ChartQAScore.relaxedCorrectness(target: "100", prediction: "106"))
    #expect(ChartQAScore.relaxedCorrectness(target: "50%", prediction: "0.5"))
    #expect(ChartQAScore.relaxedCorrectness(target: "Yes", prediction: "yes"))
    #expect(!ChartQAScore.relaxedCorrectness(target: "0", prediction: "0.0"))  // zero target: exact text
    #expect(ChartQAScore.relaxedCorrectness(target: "0", prediction: "0"))
    // The argument order matters near the tolerance edge: |100 − 105.1| is 4.85% of 105.1 but 5.1% of 100.
    #expect(ChartQAScore.score(prediction: " 100 ", answers: ["105.1"], order: .fixed) == 1)
    #expect(ChartQAScore.score(prediction: " 100 ", answers: ["105.1"], order: .swapped) == 0)
    #expect(ChartQAScore.score(prediction: "Blue", answers: ["red", "blue"], order: .fixed) == 1)
  }

  @Test func anls() {
    #expect(ANLSScore.levenshtein(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    #expect(ANLSScore.score(prediction: "hello  world", answers: ["Hello World"]) == 1)
    #expect(ANLSScore.score(prediction: "abce", answers: ["abcd"]) == 0.75)
    #expect(ANLSScore.score(prediction: "wxyz", answers: ["abcd"]) == 0)
    #expect(ANLSScore.score(prediction: "abxy", answers: ["abcd"]) == 0.5)     // exactly at the threshold
    #expect(ANLSScore.score(prediction: "abcd", answers: ["zzzz", "abcx"]) == 0.75)  // best answer
    // The divisor is the longer *original* length: "  ab" vs "ab" → distance 0.
    #expect(ANLSScore.normalizedDistance(groundTruth: "  ab", prediction: "ab") == 0)
    #expect(ANLSScore.normalizedDistance(groundTruth: "abc", prediction: "abd  ") == 0.2)
  }

  @Test func ocrBenchSubstringRule() {
    #expect(OCRBenchScore.isCorrect(prediction: "The word is CENTRE.", answers: ["centre"], category: "Regular Text Recognition"))
    #expect(!OCRBenchScore.isCorrect(prediction: "Centrie", answers: ["CENTRE"], category: "Regular Text Recognition"))
    #expect(OCRBenchScore.isCorrect(prediction: "line\nbreak", answers: ["LINE BREAK"], category: "Scene Text-centric VQA"))
    let hme = OCRBenchScore.handwrittenMathCategory
    #expect(OCRBenchScore.isCorrect(prediction: "x ^ { 2 }\n+ 1", answers: ["x^{2}+1"], category: hme))
    #expect(!OCRBenchScore.isCorrect(prediction: "X^{2}", answers: ["x^{2}"], category: hme))  // case kept
  }
}

@Suite struct ScoringMathAndChoiceTests {
  func row(_ qt: String, _ at: String, answer: String = "", option: String = "", choices: String = "nan",
           res: String) -> MathVistaScore.Row {
    MathVistaScore.Row(questionType: qt, answerType: at, answer: answer, answerOption: option, choices: choices, res: res)
  }

  @Test func canInfer() {
    let opts = OptionMatcher.letters(for: ["3", "4", "5"])
    #expect(OptionMatcher.infer("B", options: opts) == "B")
    #expect(OptionMatcher.infer("The answer is (C).", options: opts) == "C")
    #expect(OptionMatcher.infer("4", options: opts) == "B")                 // by option text
    #expect(OptionMatcher.infer("A or B", options: opts) == nil)            // two letters
    #expect(OptionMatcher.infer("Z", options: opts) == "Z")
    #expect(OptionMatcher.infer("Cannot determine the answer", options: opts) == "Z")
    #expect(OptionMatcher.infer("345", options: opts) == nil)               // every text occurs
    #expect(OptionMatcher.infer("Failed to obtain answer via API. 5", options: opts) == "C")  // falls to text
  }

  @Test func mathVista() {
    #expect(MathVistaScore.isCorrect(row("multi_choice", "text", option: "B", choices: "['3', '4', '5']", res: "B")))
    #expect(!MathVistaScore.isCorrect(row("multi_choice", "text", option: "B", choices: "['3', '4', '5']", res: "(C)")))
    #expect(MathVistaScore.isCorrect(row("multi_choice", "text", option: "B", choices: "['3', '4', '5']", res: "4")))
    #expect(MathVistaScore.isCorrect(row("free_form", "integer", answer: "12", res: " 12")))
    #expect(!MathVistaScore.isCorrect(row("free_form", "integer", answer: "12", res: "12.0")))   // int('12.0') fails
    #expect(!MathVistaScore.isCorrect(row("free_form", "integer", answer: "12", res: "nan")))
    #expect(MathVistaScore.isCorrect(row("free_form", "float", answer: "1.50", res: "1.5")))
    #expect(!MathVistaScore.isCorrect(row("free_form", "float", answer: "1.6", res: "1.5")))
    #expect(!MathVistaScore.isCorrect(row("free_form", "list", answer: "[1, 2]", res: "[1, 2]")))  // never
    #expect(!MathVistaScore.isCorrect(row("free_form", "text", answer: "cat", res: "cat")))        // never
  }

  @Test func mathVision() {
    #expect(MathVisionScore.isCorrect(res: "A", answer: "A", choices: "['1', '2']"))
    #expect(MathVisionScore.isCorrect(res: "the answer is b", answer: "B", choices: "['1', '2']") == false)
    #expect(MathVisionScore.isCorrect(res: "B", answer: "b", choices: "['1', '2']"))
    #expect(MathVisionScore.isCorrect(res: "1/2", answer: "0.5", choices: "[]"))
    #expect(MathVisionScore.isCorrect(res: "3.0000001", answer: "3", choices: "[]"))
    #expect(!MathVisionScore.isCorrect(res: "3.00001", answer: "3", choices: "[]"))
    #expect(MathVisionScore.isCorrect(res: " Triangle ", answer: "triangle", choices: "[]"))
    #expect(!MathVisionScore.isCorrect(res: "x+1", answer: "1+x", choices: "[]"))   // latex2sympy not reproduced
    #expect(!MathVisionScore.isCorrect(res: "07", answer: "7", choices: "[]"))      // eval('07') is a SyntaxError
  }

  @Test func mcqHitsAndCircularGroups() {
    #expect(MCQHits.parse("1") == true && MCQHits.parse("0.0") == false && MCQHits.parse("True") == true)
    #expect(MCQHits.parse("maybe") == nil)
    let rows: [(index: Int, gIndex: Int?, hit: Bool)] = [
      (1, nil, true), (1_000_001, nil, true), (2_000_001, nil, false), (2, nil, true), (1_000_002, nil, true),
      (7, 3, true), (8, 3, true),
    ]
    let g = MCQHits.circular(rows)
    #expect(g.map(\.group) == [1, 2, 3])
    #expect(g.map(\.hit) == [false, true, true])
  }
}

@Suite struct ScoringAggregateTests {
  @Test func csvAndScales() throws {
    let url = XLSXTestSupport.tempURL("x_acc.csv")
    try Data("\"split\",\"Overall\",\"a, b\"\n\"dev\",\"0.5\",\"1\"\n\"test\",\"0.25\",\"2\"\n".utf8).write(to: url)
    let t = try AggregateFiles.readCSV(url)
    #expect(t.header == ["split", "Overall", "a, b"])
    #expect(try AggregateFiles.overallAccuracy(url) == 0.5)
    #expect(try AggregateFiles.overallAccuracy(url, split: "test") == 0.25)
    #expect(XLSXTestSupport.importError { _ = try AggregateFiles.overallAccuracy(url, split: "x") }?.kind == .invalidRecord)

    let perSample = [1.0, 0.0, 1.0, 1.0]
    #expect(AggregateFiles.compare(stored: 0.75, perSample: perSample, scale: .fraction).exact)
    #expect(AggregateFiles.compare(stored: 75, perSample: perSample, scale: .percent).exact)
    #expect(AggregateFiles.compare(stored: 3, perSample: perSample, scale: .count).exact)
    let off = AggregateFiles.compare(stored: 74.9, perSample: perSample, scale: .percent)
    #expect(!off.exact && off.agrees(tolerance: 0.2) && !off.agrees(tolerance: 0.05))

    let json = XLSXTestSupport.tempURL("x_score.json")
    try Data("{\"Final Score\": 712, \"Final Score Norm\": 71.2}".utf8).write(to: json)
    #expect(try AggregateFiles.jsonNumber(json, key: "Final Score") == 712)
    #expect(XLSXTestSupport.importError { _ = try AggregateFiles.jsonNumber(json, key: "nope") }?.kind == .invalidRecord)

    let bad = XLSXTestSupport.tempURL("bad.csv")
    try Data("\"a\",\"b\"\n\"1\"\n".utf8).write(to: bad)
    #expect(XLSXTestSupport.importError { _ = try AggregateFiles.readCSV(bad) }?.row == 2)
  }
}
