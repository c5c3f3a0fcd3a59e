import Foundation
import Testing
import ZIPFoundation
@testable import Sheets

/// Seeded mutation fuzzing of the CSV and xlsx readers (docs/reliability.md, "Spreadsheet fuzzing").
///
/// Valid files the other tests build are mutated: bytes flipped, inserted, deleted, duplicated, truncated; zip
/// entries dropped, swapped, renamed and duplicated; part XML given deep nesting, huge attributes, DTDs and
/// entities, bogus cell references and shared-string indexes, broken tags. Each input must be read within the
/// reader's bounds or refused with an error value naming the file; a crash ends the run, and the input that
/// caused it is left in the file printed at the start.
///
/// `TZPY_FUZZ_ITERATIONS=N` runs N xlsx inputs (and 3N CSV inputs) instead of the default; `TZPY_FUZZ_SEED=S`
/// picks the seed; `TZPY_FUZZ_START=I` starts at iteration I (each iteration depends only on the seed and its
/// number, so a failure named `seed S, iteration I` repeats with `TZPY_FUZZ_SEED=S TZPY_FUZZ_START=I
/// TZPY_FUZZ_ITERATIONS=1`).
@Suite(.serialized) struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = environment["TZPY_FUZZ_SEED"].flatMap { UInt64($0) } ?? 2020_1019
    static let xlsxIterations = environment["TZPY_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 1_000
    static let start = environment["TZPY_FUZZ_START"].flatMap { Int($0) } ?? 0

    /// The generator of iteration `i`: a function of the seed and `i` only.
    static func rng(_ salt: UInt64, _ i: Int) -> SplitMix64 {
        var mix = SplitMix64(seed: seed ^ (salt &* 0x2545_F491_4F6C_DD1D) ^ UInt64(i) &* 0x9E37_79B9_7F4A_7C15)
        return SplitMix64(seed: mix.next())
    }

    /// Where the input being read is kept, so that a crash leaves it behind.
    static func workFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tzpy-fuzz-\(getpid())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: Mutations

    static let interesting: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "\""), 0x0A, 0x0D, 0x00, 0xFF, 0xE5, 0x80, 0xC0,
                                       UInt8(ascii: "'"), UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"),
                                       UInt8(ascii: "&"), UInt8(ascii: "/"), UInt8(ascii: "9")]

    /// One random byte-level change to `bytes`; returns its name for the failure message.
    static func mutateBytes(_ bytes: inout [UInt8], _ g: inout SplitMix64) -> String {
        func position(_ extra: Int = 0) -> Int { bytes.isEmpty ? 0 : Int(g.next() % UInt64(bytes.count + extra)) }
        func byte() -> UInt8 { g.next() % 2 == 0 ? interesting[Int(g.next() % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: g.next()) }
        switch g.next() % 9 {
        case 0:
            guard !bytes.isEmpty else { return "flip (empty)" }
            let at = position()
            bytes[at] ^= 1 << UInt8(g.next() % 8)
            return "flip bit at \(at)"
        case 1:
            guard !bytes.isEmpty else { return "set (empty)" }
            let at = position()
            bytes[at] = byte()
            return "set byte at \(at)"
        case 2:
            let at = position(1)
            bytes.insert(byte(), at: at)
            return "insert byte at \(at)"
        case 3:
            let at = position(1)
            let count = [1, 10, 1_000, 20_000][Int(g.next() % 4)]
            let b = byte()
            bytes.insert(contentsOf: repeatElement(b, count: count), at: at)
            return "insert \(count) × \(b) at \(at)"
        case 4:
            guard !bytes.isEmpty else { return "delete (empty)" }
            let at = position()
            let count = min(bytes.count - at, 1 + Int(g.next() % 64))
            bytes.removeSubrange(at..<(at + count))
            return "delete \(count) at \(at)"
        case 5:
            guard !bytes.isEmpty else { return "duplicate (empty)" }
            let at = position()
            let count = min(bytes.count - at, 1 + Int(g.next() % 256))
            bytes.insert(contentsOf: bytes[at..<(at + count)], at: position(1))
            return "duplicate \(count) from \(at)"
        case 6:
            let at = position(1)
            bytes.removeSubrange(at...)
            return "truncate at \(at)"
        case 7:
            guard bytes.count > 1 else { return "swap (short)" }
            let a = position(), b = position()
            bytes.swapAt(a, b)
            return "swap bytes \(a), \(b)"
        default:
            guard !bytes.isEmpty else { return "overwrite (empty)" }
            let at = position()
            for k in at..<min(bytes.count, at + 1 + Int(g.next() % 16)) { bytes[k] = UInt8(truncatingIfNeeded: g.next()) }
            return "overwrite at \(at)"
        }
    }

    static let bogusReferences = ["XFE1", "A0", "A99999999", "AAAA1", "", "1A", "XFD1048576", "$A$1", "A1048577", "ZZZ9",
                                  "a1", "A-1", "A 1", "甲1", String(repeating: "Z", count: 100_000) + "1"]

    /// One random structural change to a part's XML.
    static func mutateXML(_ bytes: inout [UInt8], _ g: inout SplitMix64) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        defer { bytes = Array(text.utf8) }
        func randomIndex() -> String.Index {
            let scalars = text.unicodeScalars
            guard !scalars.isEmpty else { return text.startIndex }
            return scalars.index(scalars.startIndex, offsetBy: Int(g.next() % UInt64(scalars.count)))
        }
        /// A random position just after a `<` that opens an element.
        func tagStart() -> String.Index? {
            var at = randomIndex()
            for _ in 0..<2 {
                if let r = text[at...].range(of: "<"), text[r.upperBound...].first.map({ $0 != "/" && $0 != "?" && $0 != "!" }) == true {
                    return r.upperBound
                }
                at = text.startIndex
            }
            return nil
        }
        switch g.next() % 12 {
        case 0:
            let depth = [10, 300, 5_000, 200_000][Int(g.next() % 4)]
            text.insert(contentsOf: String(repeating: "<x>", count: depth) + String(repeating: "</x>", count: g.next() % 2 == 0 ? depth : depth / 2),
                        at: randomIndex())
            return "nest \(depth)"
        case 1:
            guard let at = tagStart(), let space = text[at...].firstIndex(where: { $0 == " " || $0 == ">" || $0 == "/" }) else { return "attribute (no tag)" }
            let length = [100, 100_000, 3_000_000][Int(g.next() % 3)]
            text.insert(contentsOf: " huge\(g.next() % 100)=\"\(String(repeating: "A", count: length))\"", at: space)
            return "attribute of \(length)"
        case 2:
            let prologs = [
                #"<!DOCTYPE a [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;"><!ENTITY z "&y;&y;&y;&y;&y;&y;&y;&y;&y;&y;">]>"#,
                #"<!DOCTYPE a SYSTEM "file:///etc/passwd">"#,
                #"<!ENTITY e SYSTEM "file:///etc/hostname">"#,
                #"<?xml version="1.0" encoding="UTF-16"?>"#,
                "<!-- c -->", "<?pi?>",
            ]
            let prolog = prologs[Int(g.next() % UInt64(prologs.count))]
            if let end = text.range(of: "?>"), text.hasPrefix("<?xml"), g.next() % 2 == 0 {
                text.insert(contentsOf: prolog, at: end.upperBound)
            } else {
                text.insert(contentsOf: prolog, at: text.startIndex)
            }
            return "prolog \(prolog.prefix(20))"
        case 3:
            let references = text.ranges(of: #"r=""#)
            guard !references.isEmpty else { return "reference (none)" }
            let r = references[Int(g.next() % UInt64(references.count))]
            guard let close = text[r.upperBound...].firstIndex(of: "\"") else { return "reference (open)" }
            let bogus = bogusReferences[Int(g.next() % UInt64(bogusReferences.count))]
            text.replaceSubrange(r.upperBound..<close, with: bogus)
            return "reference \(bogus.prefix(12))"
        case 4:
            let values = text.ranges(of: "<v>")
            guard !values.isEmpty else { return "value (none)" }
            let r = values[Int(g.next() % UInt64(values.count))]
            guard let close = text[r.upperBound...].range(of: "</v>") else { return "value (open)" }
            let index = ["-1", "4", "999", "99999999999999999999", "1e3", "", " 0", "0x1"][Int(g.next() % 8)]
            text.replaceSubrange(r.upperBound..<close.lowerBound, with: index)
            return "value \(index)"
        case 5:
            let closes = text.ranges(of: "</")
            guard !closes.isEmpty else { return "close (none)" }
            let r = closes[Int(g.next() % UInt64(closes.count))]
            guard let end = text[r.upperBound...].firstIndex(of: ">") else { return "close (open)" }
            text.removeSubrange(r.lowerBound...end)
            return "drop a closing tag"
        case 6:
            let entities = ["&#0;", "&#xFFFF;", "&#1114112;", "&bogus;", "&amp;", "&#x1F600;", "<![CDATA[<c r=\"A1\">]]>", "&", "<"]
            let entity = entities[Int(g.next() % UInt64(entities.count))]
            text.insert(contentsOf: entity, at: randomIndex())
            return "entity \(entity)"
        case 7:
            let types = text.ranges(of: #"t=""#)
            guard !types.isEmpty else { return "type (none)" }
            let r = types[Int(g.next() % UInt64(types.count))]
            guard let close = text[r.upperBound...].firstIndex(of: "\"") else { return "type (open)" }
            let type = ["s", "inlineStr", "str", "b", "e", "d", "n", "", "zz"][Int(g.next() % 9)]
            text.replaceSubrange(r.upperBound..<close, with: type)
            return "type \(type)"
        case 8:
            let rows = text.ranges(of: "<row")
            guard let r = rows.randomElement(using: &g), let end = text[r.lowerBound...].range(of: "</row>") else { return "rows (none)" }
            let row = text[r.lowerBound..<end.upperBound]
            let copies = [2, 100, 3_000][Int(g.next() % 3)]
            text.insert(contentsOf: String(repeating: String(row), count: copies), at: end.upperBound)
            return "repeat a row \(copies) times"
        case 9:
            let numbers = text.ranges(of: #"<row r=""#)
            guard let r = numbers.randomElement(using: &g), let close = text[r.upperBound...].firstIndex(of: "\"") else { return "row number (none)" }
            let n = ["0", "-3", "1048577", "1048576", "99999999999999999999", "x", ""][Int(g.next() % 7)]
            text.replaceSubrange(r.upperBound..<close, with: n)
            return "row number \(n)"
        default:
            var raw = Array(text.utf8)
            let what = mutateBytes(&raw, &g)
            text = String(decoding: raw, as: UTF8.self)
            return "bytes: \(what)"
        }
    }

    // MARK: CSV

    static let csvSeeds: [[UInt8]] = [
        Array("学校代码,学校名称,修改意见\n3701000001,\"济南市历城职业中等专业学校\",\"请核实“三全育人”，即 \"\"德育\"\" 部分\"\n".utf8),
        Array("序号,工作任务,修改意见\r\n3.1,\"培育200所左右\r\n“三全育人”典型学校\",\"第一行\r\n第二行\"\r\n3.2,培育遴选100个左右名师工作室,\r\n\r\n4.1,\"\",好".utf8),
        [0xEF, 0xBB, 0xBF] + Array("学校自筹,,举办方投入,\n,\"\",0,\n1,2,3,4\r'=1+1,\"'-2\",@x\n".utf8),
        gb18030("学校代码,学校名称,所在市\r\n3701000001,\"济南市历城职业中等专业学校，“双高”\",济南市\r\n"),
    ]

    /// Reads `bytes` as CSV and checks what a reader must guarantee; the problem, or nil.
    static func checkCSV(_ bytes: [UInt8]) -> String? {
        let lines = 1 + bytes.count { $0 == 0x0A || $0 == 0x0D }
        var last = 0
        var problem: String?
        do {
            let reader = try CSVReader(data: bytes)
            try reader.forEachRow { row in
                if row.number < last || row.number > lines { problem = "row number \(row.number) after \(last), \(lines) lines" }
                last = row.number
                let columns = row.entries.map(\.column)
                if columns != columns.sorted() || Set(columns).count != columns.count || (columns.last ?? 0) >= CSVReader.maxColumns {
                    problem = "columns \(columns.prefix(10)) of row \(row.number)"
                }
                if let long = row.entries.first(where: { $0.value.text.utf16.count > CSVReader.maxFieldLength }) {
                    problem = "a field of \(long.value.text.utf16.count) units"
                }
                return problem == nil
            }
        } catch let error as CSVError {
            if error.line < 1 || error.line > lines { return "error on line \(error.line) of \(lines): \(error)" }
            if !error.description.hasPrefix("第 \(error.line) 行") { return "error without its line: \(error)" }
        } catch {
            return "an error that is not a CSVError: \(error)"
        }
        return problem
    }

    @Test func mutatedCSVIsReadOrRefusedOnALine() throws {
        let iterations = Self.xlsxIterations * 3
        print("fuzz CSV: seed \(Self.seed), iterations \(Self.start)..<\(Self.start + iterations)")
        for i in Self.start..<(Self.start + iterations) {
            var g = Self.rng(1, i)
            var bytes = Self.csvSeeds[Int(g.next() % UInt64(Self.csvSeeds.count))]
            var done: [String] = []
            for _ in 0...(g.next() % 4) { done.append(Self.mutateBytes(&bytes, &g)) }
            if let problem = Self.checkCSV(bytes) {
                Issue.record("CSV fuzz seed \(Self.seed), iteration \(i) (\(done.joined(separator: "; "))): \(problem)")
            }
        }
    }

    @Test func craftedCSVIsBounded() {
        let crafted: [[UInt8]] = [
            Array(("a" + String(repeating: ",", count: 1_000_000) + "\n").utf8),
            Array(("\"" + String(repeating: "x", count: 2_000_000) + "\"\n").utf8),
            Array(("\"" + String(repeating: "\"\"", count: 200_000)).utf8),
            Array(String(repeating: "\n", count: 100_000).utf8),
            Array(String(repeating: "\r", count: 100_000).utf8),
            Array(String(repeating: ",\"\"", count: 20_000).utf8),
            [0xFF] + Array(String(repeating: "a,", count: 100_000).utf8),
        ]
        for (i, bytes) in crafted.enumerated() {
            if let problem = Self.checkCSV(bytes) { Issue.record("crafted CSV \(i): \(problem)") }
        }
    }

    // MARK: xlsx

    /// The parts of the valid workbooks the other tests write: XLSXWriter's, and the hand-made Excel-like one.
    static func xlsxSeeds(in folder: URL) throws -> [[(path: String, bytes: [UInt8])]] {
        let written = folder.appendingPathComponent("written.xlsx")
        try XLSXRoundTripTests.write(to: written)
        let scratch = try Scratch()
        let handMade = try XLSXReaderTests.handMade("hand.xlsx", in: scratch)
        return try [written, handMade].map { url in
            let archive = try Archive(url: url, accessMode: .read)
            return try archive.map { entry in
                var data = Data()
                _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
                return (entry.path, [UInt8](data))
            }
        }
    }

    static func zip(_ parts: [(path: String, bytes: [UInt8])], to url: URL, deflate: Bool) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, bytes) in parts {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: deflate ? .deflate : .none) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
    }

    /// Reads the workbook at `url` and checks what the reader must guarantee; the problem, or nil.
    static func checkXLSX(_ url: URL, file: String) -> String? {
        do {
            let tables = try XLSXReader.read(url, file: file)
            for table in tables {
                for row in table.rows {
                    guard (1...CellAddress.maxRow).contains(row.number) else { return "row \(row.number) of \(table.name ?? "")" }
                    let columns = row.entries.map(\.column)
                    guard Swift.zip(columns, columns.dropFirst()).allSatisfy({ $0 < $1 }), columns.allSatisfy({ (0..<CellAddress.maxColumns).contains($0) }) else {
                        return "columns \(columns.prefix(10)) of row \(row.number)"
                    }
                    if let long = row.entries.first(where: { $0.value.text.utf16.count > 32_767 }) {
                        return "a cell of \(long.value.text.utf16.count) units"
                    }
                }
            }
        } catch {
            guard error.description.hasPrefix(file + "：") || error.description.hasPrefix(file + ":") else {
                return "an error not naming the file: \(error)"
            }
            if error.message.isEmpty { return "an empty message" }
            if error.sheet != nil && !error.description.hasPrefix("\(file):\(error.sheet!)!") { return "a cell error without its place: \(error)" }
        }
        return nil
    }

    @Test func mutatedWorkbooksAreReadOrRefusedNamingTheFile() throws {
        let folder = try Self.workFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let seeds = try Self.xlsxSeeds(in: folder)
        let url = folder.appendingPathComponent("current.xlsx")
        print("fuzz xlsx: seed \(Self.seed), iterations \(Self.start)..<\(Self.start + Self.xlsxIterations); the input being read is \(url.path)")
        for i in Self.start..<(Self.start + Self.xlsxIterations) {
            var g = Self.rng(2, i)
            var parts = seeds[Int(g.next() % UInt64(seeds.count))]
            var done: [String] = []
            let level = g.next() % 10
            if level < 6 {
                // XML of one part (or two), then zipped again.
                for _ in 0...(g.next() % 2) {
                    let k = Int(g.next() % UInt64(parts.count))
                    done.append("\(parts[k].path): " + Self.mutateXML(&parts[k].bytes, &g))
                }
            } else if level < 8 {
                // The package: entries dropped, swapped, renamed, duplicated.
                switch g.next() % 4 {
                case 0:
                    let k = Int(g.next() % UInt64(parts.count))
                    done.append("drop \(parts[k].path)")
                    parts.remove(at: k)
                case 1:
                    let a = Int(g.next() % UInt64(parts.count)), b = Int(g.next() % UInt64(parts.count))
                    done.append("swap the contents of \(parts[a].path) and \(parts[b].path)")
                    let t = parts[a].bytes
                    parts[a].bytes = parts[b].bytes
                    parts[b].bytes = t
                case 2:
                    let k = Int(g.next() % UInt64(parts.count))
                    let name = ["xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "../../etc/passwd", "/abs.xml", ""][Int(g.next() % 6)]
                    done.append("rename \(parts[k].path) to \(name)")
                    parts[k].path = name
                default:
                    let k = Int(g.next() % UInt64(parts.count))
                    done.append("duplicate \(parts[k].path)")
                    parts.append(parts[k])
                }
            }
            do {
                try Self.zip(parts, to: url, deflate: g.next() % 4 != 0)
            } catch {
                continue   // ZIPFoundation would not write it (an empty name, say): nothing to read
            }
            if level >= 8 {
                // The zip's own bytes.
                var bytes = [UInt8](try Data(contentsOf: url))
                for _ in 0...(g.next() % 3) { done.append("zip " + Self.mutateBytes(&bytes, &g)) }
                try Data(bytes).write(to: url)
            }
            if let problem = Self.checkXLSX(url, file: "变异.xlsx") {
                Issue.record("xlsx fuzz seed \(Self.seed), iteration \(i) (\(done.joined(separator: "; "))): \(problem)")
            }
        }
    }
}
