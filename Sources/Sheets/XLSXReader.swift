import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Why a workbook could not be read.
public struct SheetReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    /// The sheet, when the problem is in one of its rows or cells (nil for the workbook or one of its parts).
    public let sheet: String?
    /// The 1-based row of the problem within `sheet`.
    public let row: Int?
    /// The 0-based column, when the problem is in one cell.
    public let column: Int?
    public let message: String

    public init(file: String, message: String, sheet: String? = nil, row: Int? = nil, column: Int? = nil) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.column = column
        self.message = message
    }

    /// `FILE:SHEET!CELL` (or `FILE:SHEET!ROW:ROW`) when the problem is in a sheet's row.
    public var location: SheetLocation? {
        guard let sheet, let row else { return nil }
        return SheetLocation(file: file, sheet: sheet, row: row, column: column)
    }

    public var description: String { location.map { "\($0)：\(message)" } ?? "\(file)：\(message)" }
}

/// Reads every sheet of an .xlsx workbook: shared and inline strings, numbers as the file wrote them,
/// formula results, merged ranges. `ZipReader` opens the package and Foundation's XMLParser (libxml2)
/// streams each part, so no DOM of a sheet is built.
///
/// The file may be crafted to hurt a shared server, so what it can cost is bounded (`Limits`, formats.md §11):
/// cells are stored sparsely, nothing past Excel's last row and column is accepted, the parts read inflate to a
/// bounded size, the XML nodes parsed, cells, shared strings and sheets are counted against caps, and a part that
/// declares a DTD (entities: "billion laughs", external files), holds a processing instruction or is not UTF-8 is
/// refused before it is parsed (`XMLProlog`).
public enum XLSXReader {
    /// What one workbook may cost. Every cap is refused with a message naming the file (and part or cell).
    public struct Limits: Sendable {
        /// The parts read, inflated, all together (each is held in memory while it is parsed).
        public var xmlBytes: UInt64 = 100 << 20
        /// XML nodes parsed (elements, attributes, text runs, comments) in all parts together: a fixed part plus
        /// so many per byte of the workbook file, so that the work follows the file's size: a 100 KB file that
        /// inflates to 100 MB of `<row/>` stops after 1.4 million nodes, not seventeen million. (XMLParser with these
        /// delegates costs about a microsecond a node; tzpy's own exports have 0.95 nodes per byte.)
        public var xmlNodesBase = 1_000_000
        public var xmlNodesPerFileByte = 4
        /// Cells, rows and merged ranges held, all sheets together.
        public var cells = 10_000_000
        /// Strings in xl/sharedStrings.xml.
        public var sharedStrings = 1_000_000
        /// Sheets in xl/workbook.xml.
        public var sheets = 1_000
        /// The text of one cell, in UTF-16 code units as Excel counts: Excel's own limit.
        public var textLength = 32_767

        public init() {}
        public static let standard = Limits()
    }

    /// The workbook's sheets in tab order. `file` names the workbook in messages.
    public static func read(_ url: URL, file: String, limits: Limits = .standard) throws(SheetReadError) -> [SheetTable] {
        let archive: ZipReader
        do { archive = try ZipReader(url: url) } catch {
            throw SheetReadError(file: file, message: "应为 .xlsx 工作簿（zip 包），实际无法作为 zip 打开")
        }
        let budget = Budget(limits, fileSize: Int(clamping: archive.fileSize))
        func part(_ path: String) throws(SheetReadError) -> Data? {
            guard let entry = archive.entries[path] else { return nil }
            let remaining = limits.xmlBytes - budget.bytesRead
            do {
                let data = try archive.extract(entry, limit: remaining)
                budget.bytesRead += UInt64(data.count)
                return data
            } catch {
                switch error {
                case .tooLarge(let size):
                    let before = budget.bytesRead == 0 ? "" : "（各部分合计最多 \(limits.xmlBytes) 字节，前面已读 \(budget.bytesRead) 字节）"
                    let atLeast = size == entry.uncompressedSize ? "" : "至少"
                    throw SheetReadError(file: file, message: "工作簿中的 \(quoted(path)) 解压后应不超过 \(remaining) 字节\(before)，实际为\(atLeast) \(size) 字节；请改用 CSV")
                case .corrupt(let reason):
                    throw SheetReadError(file: file, message: "工作簿中的 \(quoted(path)) 已损坏（\(reason)）")
                case .notZip:
                    throw SheetReadError(file: file, message: "应为 .xlsx 工作簿（zip 包），实际无法作为 zip 打开")
                }
            }
        }
        guard let workbookXML = try part("xl/workbook.xml") else {
            throw SheetReadError(file: file, message: "应为 .xlsx 工作簿，实际缺少 xl/workbook.xml")
        }
        let sheets = try parse(WorkbookParser(file: file, part: "xl/workbook.xml", budget: budget), workbookXML).sheets
        let relations = try part("xl/_rels/workbook.xml.rels").map { data throws(SheetReadError) in
            try parse(RelationsParser(file: file, part: "xl/_rels/workbook.xml.rels", budget: budget), data).targets
        } ?? [:]
        let shared = try part("xl/sharedStrings.xml").map { data throws(SheetReadError) in
            try parse(SharedStringsParser(file: file, part: "xl/sharedStrings.xml", budget: budget), data).strings
        } ?? []
        var tables: [SheetTable] = []
        for (index, sheet) in sheets.enumerated() {
            let target = relations[sheet.relation] ?? "worksheets/sheet\(index + 1).xml"
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = try part(path) else {
                throw SheetReadError(file: file, message: "工作表「\(quoted(sheet.name))」缺少 \(quoted(path))")
            }
            let parser = try parse(WorksheetParser(file: file, part: path, budget: budget, sheet: sheet.name, shared: shared), xml)
            tables.append(SheetTable(name: sheet.name, rows: parser.rows, merged: parser.merged))
        }
        return tables
    }

    /// Parses one part. The part is fed through a stream so that libxml2 gets it in chunks: given whole,
    /// a part of more than 10 MB (a province's claims) fails with libxml2's "Huge input lookup".
    /// `checkProlog` is false only in the test that shows the delegate's own refusal of a DTD.
    static func parse<P: PartParser>(_ delegate: P, _ data: Data, checkProlog: Bool = true) throws(SheetReadError) -> P {
        if checkProlog, let problem = XMLProlog.problem(data) {
            throw SheetReadError(file: delegate.file, message: "\(delegate.part)：\(problem)")
        }
        let parser = XMLParser(stream: InputStream(data: data))
        // No DTD is ever loaded, nor an external entity resolved (both are the defaults; said here so that no
        // change of default lets a workbook name a file or URL to read).
        parser.shouldResolveExternalEntities = false
        parser.externalEntityResolvingPolicy = .never
        parser.delegate = delegate
        let finished = parser.parse()
        if let problem = delegate.problem { throw problem }
        // swift-corelibs-foundation returns true for a document cut short or with mismatched tags and only
        // sets parserError, so both are checked.
        guard finished, parser.parserError == nil else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "未知错误"
            throw SheetReadError(file: delegate.file, message: "\(delegate.part) 第 \(parser.lineNumber) 行不是有效的 XML（\(reason)）")
        }
        return delegate
    }
}

/// Cuts text taken from a file to a length fit for a message (an attribute can be megabytes long).
func quoted(_ text: String, limit: Int = 40) -> String {
    text.count <= limit ? text : String(text.prefix(limit)) + "…"
}

/// What the parts of one workbook have used of `XLSXReader.Limits` so far.
final class Budget {
    let limits: XLSXReader.Limits
    var bytesRead: UInt64 = 0
    /// XML nodes still allowed.
    var nodes: Int
    let nodeLimit: Int
    /// Cells and rows still allowed.
    var cells: Int

    init(_ limits: XLSXReader.Limits, fileSize: Int) {
        self.limits = limits
        let (perByte, o1) = limits.xmlNodesPerFileByte.multipliedReportingOverflow(by: max(fileSize, 0))
        let (total, o2) = limits.xmlNodesBase.addingReportingOverflow(perByte)
        nodeLimit = o1 || o2 ? Int.max : total
        nodes = nodeLimit
        cells = limits.cells
    }
}

/// A workbook part's bytes, checked before libxml2 sees them, for what no workbook part needs and a crafted
/// one can use. XMLParser substitutes entities (corelibs parses with XML_PARSE_NOENT) and would expand a DTD's
/// entity declarations ("billion laughs") without telling its delegate; and on Linux it crashes (SIGSEGV, a NULL
/// dereference in Foundation) on some declarations (`<!ATTLIST x a CDATA #IMPLIED>`, `<!NOTATION n SYSTEM "n">`)
/// and on a processing instruction without data (`<?x?>`). So, anywhere in the part:
/// - `<!` must open a comment or a CDATA section: a DOCTYPE, ENTITY, ELEMENT, ATTLIST or NOTATION is refused
///   (anywhere, not only before the root element: libxml2 in recovery mode reads on past a broken declaration);
/// - `<?` may only open the XML declaration at the start;
/// - the text must be UTF-8 (or ASCII): the first character is `<`, not a UTF-16/32 or EBCDIC byte, and every
///   `encoding` in the declaration says UTF-8, since in another encoding these ASCII bytes would not be found.
/// Excel, WPS and LibreOffice write UTF-8 parts without DTDs, comments or processing instructions.
enum XMLProlog {
    static let dtd = "应不含 DTD（<!DOCTYPE>、<!ENTITY> 等声明；实体可展开成海量文本或读取其他文件），实际含有"
    static let processingInstruction = "应不含处理指令（<?…?>，开头的 XML 声明除外），实际含有"

    /// Why the part is refused, or nil when it is plain.
    static func problem(_ data: Data) -> String? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> String? in
            let p = raw.bindMemory(to: UInt8.self)
            let n = p.count
            guard let base = p.baseAddress else { return nil }   // empty: the parser reports it
            var i = 0
            if n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { i = 3 }
            while i < n, p[i] == 0x20 || p[i] == 0x09 || p[i] == 0x0A || p[i] == 0x0D { i += 1 }
            guard i < n else { return nil }
            guard p[i] == UInt8(ascii: "<"), i + 1 < n, p[i + 1] != 0 else {
                return "应为 UTF-8 编码的 XML，实际不是（首个字符不是「<」）"
            }
            func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
            /// The offset of the next `byte` at or after `from`.
            func next(_ byte: UInt8, from: Int) -> Int? {
                guard from < n, let hit = memchr(base + from, Int32(byte), n - from) else { return nil }
                return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            }
            func starts(_ s: StaticString, at k: Int) -> Bool {
                k + s.utf8CodeUnitCount <= n && (0..<s.utf8CodeUnitCount).allSatisfy { p[k + $0] == s.utf8Start[$0] }
            }
            // The XML declaration, if the part starts with one.
            var declaration: Int?
            if i + 5 < n, starts("<?xml", at: i), isSpace(p[i + 5]) {
                declaration = i
                var end = i + 5
                while end + 1 < n, !(p[end] == UInt8(ascii: "?") && p[end + 1] == UInt8(ascii: ">")) { end += 1 }
                for encoding in declaredEncodings(p, i, end) {
                    let name = String(decoding: encoding, as: UTF8.self)
                    if name.lowercased() != "utf-8" && name.lowercased() != "utf8" {
                        return "应为 UTF-8 编码的 XML，实际声明为「\(quoted(name))」"
                    }
                }
            }
            // `?` and `!` are rare in sheet XML, `<` is in every tag: look for the former and check the byte before.
            var at = i + 1
            while let k = next(UInt8(ascii: "?"), from: at) {
                at = k + 1
                if p[k - 1] == UInt8(ascii: "<") && k - 1 != declaration { return processingInstruction }
            }
            at = i + 1
            while let k = next(UInt8(ascii: "!"), from: at) {
                at = k + 1
                if p[k - 1] == UInt8(ascii: "<") && !starts("<!--", at: k - 1) && !starts("<![CDATA[", at: k - 1) { return dtd }
            }
            return nil
        }
    }

    /// The quoted value after every `encoding` in the XML declaration between `start` and `end` (every one, so
    /// that the word inside another attribute's value does not hide the real one).
    private static func declaredEncodings(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [ArraySlice<UInt8>] {
        let bytes = Array(p[start..<end])
        let key = Array("encoding".utf8)
        guard bytes.count > key.count else { return [] }
        var found: [ArraySlice<UInt8>] = []
        for k in 0...(bytes.count - key.count) where bytes[k..<(k + key.count)].elementsEqual(key) {
            var j = k + key.count
            while j < bytes.count, bytes[j] == 0x20 || bytes[j] == 0x09 || bytes[j] == 0x0A || bytes[j] == 0x0D || bytes[j] == UInt8(ascii: "=") { j += 1 }
            guard j < bytes.count, bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") else { continue }
            let quote = bytes[j]
            guard let close = bytes[(j + 1)...].firstIndex(of: quote) else { continue }
            found.append(bytes[(j + 1)..<close])
        }
        return found
    }
}

/// The value of an attribute named `name` with any namespace prefix (`r:id`, `ns1:id`).
private func attribute(_ attributes: [String: String], _ name: String) -> String? {
    if let v = attributes[name] { return v }
    return attributes.first { $0.key.hasSuffix(":" + name) }?.value
}

/// The element's name without its namespace prefix (the name itself, not a copy, when it has none: names are
/// compared for every node, and two ASCII strings compare as bytes).
private func local(_ name: String) -> String {
    guard let colon = name.utf8.lastIndex(of: UInt8(ascii: ":")) else { return name }
    return String(name[name.index(after: colon)...])
}

/// The delegate every part is parsed with: it counts the nodes against the workbook's budget, refuses DTD
/// declarations and entity references (a second line behind `XMLProlog`), and stops the parse at the first
/// problem, which `XLSXReader.parse` then throws.
class PartParser: NSObject, XMLParserDelegate {
    let file: String
    let part: String
    let budget: Budget
    /// The first problem found; the parse is aborted when it is set.
    private(set) var problem: SheetReadError?

    init(file: String, part: String, budget: Budget) {
        self.file = file
        self.part = part
        self.budget = budget
    }

    /// Records the problem (the first one wins) and stops the parser.
    func fail(_ parser: XMLParser, _ error: SheetReadError) {
        if problem == nil { problem = error }
        parser.abortParsing()
    }

    func fail(_ parser: XMLParser, _ message: String) {
        fail(parser, SheetReadError(file: file, message: "\(part)：\(message)"))
    }

    /// Takes `count` nodes from the budget; false (and the parse stopped) when it is spent.
    func charge(_ parser: XMLParser, _ count: Int) -> Bool {
        budget.nodes -= count
        guard budget.nodes < 0 else { return true }
        fail(parser, "XML 节点（元素、属性、文本）应最多 \(budget.nodeLimit) 个（\(budget.limits.xmlNodesBase) 个加上文件的每字节 \(budget.limits.xmlNodesPerFileByte) 个），实际更多；请改用 CSV")
        return false
    }

    /// True when `text` is longer than a cell may be (counted in UTF-16 code units only when the bytes could be).
    func isTooLong(_ text: String) -> Bool {
        text.utf8.count > budget.limits.textLength && text.utf16.count > budget.limits.textLength
    }

    // What subclasses override: names without their prefix, attributes as given.
    func start(_ parser: XMLParser, _ name: String, _ attributes: [String: String]) {}
    func end(_ parser: XMLParser, _ name: String) {}
    func characters(_ parser: XMLParser, _ text: String) {}

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        guard problem == nil, charge(parser, 1 + attributes.count) else { return }
        start(parser, local(element), attributes)
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        guard problem == nil else { return }
        end(parser, local(element))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard problem == nil, charge(parser, 1) else { return }
        characters(parser, string)
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        guard problem == nil, charge(parser, 1) else { return }
        characters(parser, String(decoding: block, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) { _ = problem == nil && charge(parser, 1) }
    func parser(_ parser: XMLParser, foundComment comment: String) { _ = problem == nil && charge(parser, 1) }
    func parser(_ parser: XMLParser, foundProcessingInstructionWithTarget target: String, data: String?) {
        _ = problem == nil && charge(parser, 1)
    }

    private func refuseDTD(_ parser: XMLParser, _ what: String, _ name: String) {
        fail(parser, "应不含 DTD（<!DOCTYPE>、<!ENTITY> 等声明），实际含有\(what)「\(quoted(name))」")
    }

    func parser(_ parser: XMLParser, foundElementDeclarationWithName elementName: String, model: String) {
        refuseDTD(parser, "元素声明", elementName)
    }
    func parser(_ parser: XMLParser, foundAttributeDeclarationWithName attributeName: String, forElement elementName: String,
                type: String?, defaultValue: String?) {
        refuseDTD(parser, "属性声明", attributeName)
    }
    func parser(_ parser: XMLParser, foundNotationDeclarationWithName name: String, publicID: String?, systemID: String?) {
        refuseDTD(parser, "记号声明", name)
    }
    func parser(_ parser: XMLParser, foundUnparsedEntityDeclarationWithName name: String, publicID: String?, systemID: String?,
                notationName: String?) {
        refuseDTD(parser, "实体声明", name)
    }
    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        refuseDTD(parser, "实体声明", name)
    }
    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        refuseDTD(parser, "实体声明", name)
    }
    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        fail(parser, "应只用 XML 的五个预定义实体（&amp; 等），实际引用了「&\(quoted(name));」")
        return nil
    }
}

private final class WorkbookParser: PartParser {
    var sheets: [(name: String, relation: String)] = []

    override func start(_ parser: XMLParser, _ name: String, _ attributes: [String: String]) {
        guard name == "sheet", let sheetName = attributes["name"] else { return }
        guard sheets.count < budget.limits.sheets else {
            return fail(parser, "工作表应最多 \(budget.limits.sheets) 个，实际更多")
        }
        sheets.append((sheetName, attribute(attributes, "id") ?? ""))
    }
}

private final class RelationsParser: PartParser {
    var targets: [String: String] = [:]

    override func start(_ parser: XMLParser, _ name: String, _ attributes: [String: String]) {
        if name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
            targets[id] = target
        }
    }
}

/// Collects `<si>` items; rich-text runs are joined and phonetic runs (`<rPh>`) are left out.
private final class SharedStringsParser: PartParser {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phonetic = 0

    override func start(_ parser: XMLParser, _ name: String, _ attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "rPh": phonetic += 1
        case "t": inText = phonetic == 0
        default: break
        }
    }

    override func characters(_ parser: XMLParser, _ text: String) {
        guard inText else { return }
        current += text
        if current.utf8.count > budget.limits.textLength * 3 { tooLong(parser) }
    }

    private func tooLong(_ parser: XMLParser) {
        fail(parser, "第 \(strings.count + 1) 个共享字符串应最多 \(budget.limits.textLength) 个字符（Excel 单元格的上限），实际更长")
    }

    override func end(_ parser: XMLParser, _ name: String) {
        switch name {
        case "si":
            guard strings.count < budget.limits.sharedStrings else {
                return fail(parser, "共享字符串应最多 \(budget.limits.sharedStrings) 个，实际更多；请改用 CSV")
            }
            guard !isTooLong(current) else { return tooLong(parser) }
            strings.append(current)
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
    }
}

/// Streams `<sheetData>` into sparse rows of cells and collects `<mergeCell>` ranges. The first cell it cannot
/// make sense of (a reference that is not one or lies past XFD1048576, a shared-string index out of range, text
/// longer than Excel allows, one cell too many) stops the parse with a problem naming the sheet and cell.
private final class WorksheetParser: PartParser {
    let sheet: String
    let shared: [String]
    var rows: [SheetRow] = []
    var merged: [CellRange] = []

    private var rowNumber = 0
    private var cells: [SheetCell] = []
    /// False once a cell came at or before the previous one's column: the row is sorted when it ends.
    private var ordered = true
    private var nextColumn = 0
    private var cellColumn = 0
    private var cellRow = 0
    private var cellType = ""
    private var text = ""
    private var collecting = false
    private var value: String?
    private var inlineText: String?
    private var phonetic = 0

    init(file: String, part: String, budget: Budget, sheet: String, shared: [String]) {
        self.sheet = sheet
        self.shared = shared
        super.init(file: file, part: part, budget: budget)
    }

    private func fail(_ parser: XMLParser, row: Int, column: Int?, _ message: String) {
        fail(parser, SheetReadError(file: file, message: message, sheet: sheet, row: row, column: column))
    }

    override func start(_ parser: XMLParser, _ name: String, _ attributes: [String: String]) {
        switch name {
        case "row":
            if let r = attributes["r"] {
                guard let n = Int(r), (1...CellAddress.maxRow).contains(n) else {
                    return fail(parser, "工作表「\(quoted(sheet))」的行号：应为 1–\(CellAddress.maxRow)（Excel 的上限），实际为「\(quoted(r))」")
                }
                rowNumber = n
            } else {
                guard rowNumber < CellAddress.maxRow else {
                    return fail(parser, "工作表「\(quoted(sheet))」的行号：应最多 \(CellAddress.maxRow) 行（Excel 的上限），实际更多")
                }
                rowNumber += 1
            }
            cells = []
            ordered = true
            nextColumn = 0
        case "c":
            cellRow = max(rowNumber, 1)   // a cell outside any row is placed on the first
            if let ref = attributes["r"] {
                switch CellAddress.parse(ref) {
                case .cell(let address):
                    cellColumn = address.column
                    cellRow = address.row
                case .beyondExcel(let address):
                    return fail(parser, row: address?.row ?? cellRow, column: address?.column,
                                "单元格引用：应在 Excel 的范围内（最多 \(CellAddress.maxColumns) 列即 XFD 列、\(CellAddress.maxRow) 行），实际为「\(quoted(ref))」")
                case .invalid:
                    return fail(parser, row: cellRow, column: nil, "单元格引用：应为如 B7 的单元格引用，实际为「\(quoted(ref))」")
                }
            } else {
                cellColumn = nextColumn
                guard cellColumn < CellAddress.maxColumns else {
                    return fail(parser, row: cellRow, column: cellColumn,
                                "单元格：应在 Excel 的范围内（最多 \(CellAddress.maxColumns) 列即 XFD 列），实际在第 \(cellColumn + 1) 列")
                }
            }
            nextColumn = cellColumn + 1
            cellType = attributes["t"] ?? "n"
            value = nil
            inlineText = nil
        case "v":
            collecting = true
            text = ""
        case "is":
            inlineText = ""
        case "rPh":
            phonetic += 1
        case "t":
            if inlineText != nil && phonetic == 0 { collecting = true; text = "" }
        case "mergeCell":
            guard let ref = attributes["ref"], let range = CellRange(ref) else { return }
            budget.cells -= 1   // a range is held like a cell
            guard budget.cells >= 0 else { return tooMany(parser) }
            merged.append(range)
        default:
            break
        }
    }

    override func characters(_ parser: XMLParser, _ string: String) {
        guard collecting else { return }
        text += string
        if text.utf8.count > budget.limits.textLength * 3 { tooLong(parser) }
    }

    private func tooLong(_ parser: XMLParser) {
        fail(parser, row: cellRow, column: cellColumn, "单元格：应最多 \(budget.limits.textLength) 个字符（Excel 的上限），实际更长")
    }

    override func end(_ parser: XMLParser, _ name: String) {
        switch name {
        case "v":
            collecting = false
            value = text
        case "t":
            if collecting, inlineText != nil {
                inlineText! += text
                if inlineText!.utf8.count > budget.limits.textLength * 3 { return tooLong(parser) }
            }
            collecting = false
        case "rPh":
            phonetic -= 1
        case "c":
            store(parser, cellValue(parser))
        case "row":
            budget.cells -= 1
            guard budget.cells >= 0 else { return tooMany(parser) }
            if !ordered {
                // Later cells win, as they did when a row was an array written in order.
                var last: [Int: SheetCell] = [:]
                for cell in cells { last[cell.column] = cell }
                cells = last.values.sorted { $0.column < $1.column }
            }
            rows.append(SheetRow(number: rowNumber, entries: cells))
            cells = []
        default:
            break
        }
    }

    private func tooMany(_ parser: XMLParser) {
        fail(parser, row: cellRow, column: cellColumn, "单元格：工作簿应最多 \(budget.limits.cells) 个单元格和行，实际更多；请改用 CSV")
    }

    private func cellValue(_ parser: XMLParser) -> CellValue? {
        switch cellType {
        case "s":
            guard let v = value else { return nil }
            guard let i = Int(v), shared.indices.contains(i) else {
                let expected = shared.isEmpty ? "工作簿的共享字符串（xl/sharedStrings.xml 没有或为空）" : "0–\(shared.count - 1)"
                fail(parser, row: cellRow, column: cellColumn, "共享字符串序号：应为 \(expected)，实际为「\(quoted(v))」")
                return nil
            }
            return .text(shared[i])
        case "inlineStr":
            return inlineText.map { .text($0) } ?? value.map { .text($0) }
        case "str", "e", "d":
            return value.map { .text($0) }
        case "b":
            return value.map { .text($0 == "1" ? "TRUE" : "FALSE") }
        default:
            return value.map { .number($0) }
        }
    }

    private func store(_ parser: XMLParser, _ value: CellValue?) {
        guard let value, problem == nil else { return }
        if isTooLong(value.text) { return tooLong(parser) }
        budget.cells -= 1
        guard budget.cells >= 0 else { return tooMany(parser) }
        if let last = cells.last, last.column >= cellColumn { ordered = false }
        cells.append(SheetCell(column: cellColumn, value: value))
    }
}
