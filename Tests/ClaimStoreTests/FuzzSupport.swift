import ClaimKit
import Foundation

/// Seeded randomness for the property tests (FuzzTests.swift).
///
/// `TZPY_FUZZ_SEED` (decimal or 0x-hex) replays a run; without it every run draws a new seed. Each test
/// prints its seed when it starts (so a crash can be replayed) and names it in every failed expectation.
/// `TZPY_FUZZ_ITERATIONS=N` runs N iterations of each property instead of its default, for a longer run by hand.
/// The generator is ClaimKit's `SplitMix64`.
enum Fuzz {
    static let baseSeed: UInt64 = {
        let env = ProcessInfo.processInfo.environment["TZPY_FUZZ_SEED"] ?? ""
        if env.hasPrefix("0x"), let v = UInt64(env.dropFirst(2), radix: 16) { return v }
        if let v = UInt64(env) { return v }
        return UInt64.random(in: 1...UInt64.max)
    }()

    static func iterations(_ defaultCount: Int) -> Int {
        ProcessInfo.processInfo.environment["TZPY_FUZZ_ITERATIONS"].flatMap { Int($0) }.map { max(1, $0) } ?? defaultCount
    }

    /// A generator for the property `name`, seeded from the run's seed and the name; prints how to replay.
    static func start(_ name: String, iterations: Int) -> (rng: SplitMix64, seed: String) {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325   // FNV-1a of the name, so each property draws its own sequence
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        let seed = "TZPY_FUZZ_SEED=0x\(String(baseSeed, radix: 16))"
        print("fuzz \(name): \(seed), \(iterations) iterations")
        return (SplitMix64(seed: baseSeed ^ h), seed)
    }

    // MARK: inputs

    /// Byte strings that parsers tend to trip on: separators, escapes, signs, huge and odd numbers, BOM,
    /// invalid and surrogate UTF-8, full-width digits, words of the formats.
    static let tokens: [[UInt8]] = [
        "\t", "\n", "\r", "\r\n", "-", "", " ", "#", "\\", "\\t", "\\n", "\\\\", "\u{FEFF}", "\u{3000}", ".", "|", "0", "00",
        "-1", "+1", "1e9", "0x10", "９", "１２", "０５３１－８８１１２２３３", "99999999999999999999", "999999999999999999",
        "9223372036854775807", "9223372036854775808", "18446744073709551616", "100000000", "99999999.9999", "0.00001",
        "1.", ".5", "1.2.3", "2020-02-30T00:00:00Z", "2020-02-29T23:59:60Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "2020-13-01", "2021-02-29", "2020-10-19", "pending", "approved", "returned", "withdrawn", "submitted",
        "resubmitted", "reopened", "yes", "no", "catalog", "section", "task", "item", "province", "catalog", "start", "end",
        "instructions", "contact", "open", "default", "3.1", "3.1.1", "99", "所", "中职学校", "高职", "3701000001",
        "370100000١", "0531-88112233", "13805310001", "经费预算填写不完整", "\u{202E}", "\u{0}", "\u{7F}",
        "\u{301}", "👩‍👩‍👧", String(repeating: "长", count: 300), String(repeating: "9", count: 400),
    ].map { Array($0.utf8) } + [
        [0xFF], [0xC3], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE4, 0xB8], [0xFE, 0xFF], [0x80],
    ]

    /// `bytes` after 1–4 random edits: bit flips, random or chosen bytes inserted or overwritten, ranges deleted
    /// or repeated, a token inserted, a TAB-field replaced or removed, a cut.
    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var b = input
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            let pos = b.isEmpty ? 0 : Int.random(in: 0..<b.count, using: &rng)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0 where !b.isEmpty: b[pos] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
            case 1 where !b.isEmpty: b[pos] = UInt8.random(in: 0...255, using: &rng)
            case 2: b.insert(UInt8.random(in: 0...255, using: &rng), at: pos)
            case 3 where !b.isEmpty:
                b.removeSubrange(pos..<min(b.count, pos + Int.random(in: 1...12, using: &rng)))
            case 4 where !b.isEmpty:
                let r = pos..<min(b.count, pos + Int.random(in: 1...40, using: &rng))
                b.insert(contentsOf: Array(b[r]), at: pos)
            case 5: b.insert(contentsOf: tokens.randomElement(using: &rng)!, at: pos)
            case 6, 7:
                // Replace (mostly) or drop one TAB-separated field.
                var fields = b.split(separator: 0x09, omittingEmptySubsequences: false).map(Array.init)
                let i = Int.random(in: 0..<fields.count, using: &rng)
                if Int.random(in: 0..<4, using: &rng) > 0 { fields[i] = tokens.randomElement(using: &rng)! } else { fields.remove(at: i) }
                b = Array(fields.joined(separator: [0x09]))
            case 8: b = Array(b.prefix(Int.random(in: 0...b.count, using: &rng)))
            default:
                b.insert([0x09, 0x0A, 0x0D, 0x5C, 0x2D, 0x30, 0x39, 0x2E, 0xE4].randomElement(using: &rng)!, at: pos)
            }
        }
        return b
    }

    /// Text for comments and actors: Chinese, ASCII, TAB, CR, LF, CRLF, backslashes (alone and before the
    /// escape letters), combining marks after control characters, emoji, BOM, bidi and NUL.
    static func text(_ rng: inout SplitMix64, maxParts: Int = 24) -> String {
        let parts = ["经费", "预算", "填写不完整", "，", "。", "请补充举办方投入依据", "a", "Z", "7", " ", "\t", "\r", "\n", "\r\n",
                     "\\", "\\t", "\\n", "\\r", "\\\\", "t", "n", "r", "\u{301}", "\t\u{301}", "\n\u{308}", "\\\u{301}",
                     "👩‍👩‍👧", "\u{FEFF}", "\u{202E}", "\u{0}", "-", "#", "：", "「", "」", "\u{3000}", "é", "ﬁ"]
        var s = ""
        for _ in 0..<Int.random(in: 1...maxParts, using: &rng) { s += parts.randomElement(using: &rng)! }
        return s
    }

    /// A number biased towards the edges: 0, small, or up to `max`.
    static func number(_ rng: inout SplitMix64, max: Int) -> Int {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: 0
        case 1: Int.random(in: 1...20, using: &rng)
        case 2: max
        default: Int.random(in: 0...max, using: &rng)
        }
    }

    static func money(_ rng: inout SplitMix64) -> Money {
        Money(units: Int64(number(&rng, max: Int(Money.limit - 1))))
    }

    /// Times the journal can hold: years 0000–9999 (the written form has four year digits).
    static let firstTime = Day(year: 0, month: 1, day: 1).daysSinceEpoch * 86400
    static let lastTime = Day(year: 9999, month: 12, day: 31).daysSinceEpoch * 86400 + 86399

    /// A random event that a journal line can carry: every field within its type, texts arbitrary.
    static func event(_ rng: inout SplitMix64) -> ReviewEvent {
        let maxWhole = 999_999_999_999_999_999   // 18 digits: the most the reader accepts
        let kind = ReviewEvent.Kind.claimSteps.randomElement(using: &rng)!
        let seen: ReviewState? = [nil, .pending, .approved, .returned(comment: ""), .withdrawn].randomElement(using: &rng)!
        let school = String((0..<10).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
        let item = Bool.random(using: &rng) ? "\(Int.random(in: 1...56, using: &rng))"
            : "\(Int.random(in: 1...56, using: &rng)).\(Int.random(in: 1...12, using: &rng))"
        let funds = Bool.random(using: &rng) ? nil
            : Funds(selfFunded: money(&rng), industry: money(&rng), sponsor: money(&rng), local: money(&rng))
        return ReviewEvent(seq: number(&rng, max: maxWhole), time: Timestamp(seconds: Int64.random(in: firstTime...lastTime, using: &rng)),
                           actor: Bool.random(using: &rng) ? "zhangwei" : text(&rng, maxParts: 4),
                           school: school, item: item, round: number(&rng, max: maxWhole), kind: kind, seen: seen,
                           basis: number(&rng, max: maxWhole),
                           quantity: Bool.random(using: &rng) ? nil : number(&rng, max: maxWhole), funds: funds,
                           comment: Bool.random(using: &rng) ? nil : text(&rng))
    }

    /// Physical lines as the reference-file readers count them (LF or CRLF ends a line).
    static func lineCount(_ text: String) -> Int {
        text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).count
    }

    /// A text file's lines edited as a person (or a bad tool) might: lines removed, repeated, swapped or
    /// blanked, a field changed to a token, CRLF or a BOM added; sometimes byte-level damage on top.
    static func mutateText(_ text: String, _ rng: inout SplitMix64) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let i = Int.random(in: 0..<lines.count, using: &rng)
            switch Int.random(in: 0..<8, using: &rng) {
            case 0: lines.remove(at: i); if lines.isEmpty { lines = [""] }
            case 1: lines.insert(lines[i], at: Int.random(in: 0...lines.count, using: &rng))
            case 2: lines.swapAt(i, Int.random(in: 0..<lines.count, using: &rng))
            case 3: lines[i] = ""
            case 4: lines[i] += "\r"
            case 5: lines[0] = "\u{FEFF}" + lines[0]
            default:
                var fields = lines[i].split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                let f = Int.random(in: 0..<fields.count, using: &rng)
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: fields[f] = String(decoding: tokens.randomElement(using: &rng)!, as: UTF8.self)
                case 1: fields.insert(String(decoding: tokens.randomElement(using: &rng)!, as: UTF8.self), at: f)
                default: fields.remove(at: f)
                }
                lines[i] = fields.joined(separator: "\t")
            }
        }
        var out = lines.joined(separator: "\n")
        if Int.random(in: 0..<4, using: &rng) == 0 { out = String(decoding: mutate(Array(out.utf8), &rng), as: UTF8.self) }
        return out
    }
}
