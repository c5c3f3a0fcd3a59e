import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Why a workbook could not be read.
public struct SheetReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file)：\(message)" }
}

/// Reads every sheet of an .xlsx workbook: shared and inline strings, numbers as the file wrote them,
/// formula results, merged ranges. ZIPFoundation opens the package and Foundation's XMLParser (libxml2)
/// streams each part, so no DOM of a sheet is built.
public enum XLSXReader {
    /// The largest part read by default (1 GiB): a part is held in memory, and a zip bomb must not take
    /// the machine.
    public static let defaultPartLimit: UInt64 = 1 << 30

    /// The workbook's sheets in tab order. `file` names the workbook in messages.
    public static func read(_ url: URL, file: String, partLimit: UInt64 = defaultPartLimit) throws(SheetReadError) -> [SheetTable] {
        let archive: Archive
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw SheetReadError(file: file, message: "应为 .xlsx 工作簿（zip 包），实际无法作为 zip 打开")
        }
        func part(_ path: String) throws(SheetReadError) -> Data? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= partLimit else {
                throw SheetReadError(file: file, message: "工作簿中的 \(path) 解压后应不超过 \(partLimit) 字节，实际为 \(entry.uncompressedSize) 字节；请改用 CSV")
            }
            var data = Data()
            var taken: UInt64 = 0
            do {
                // ZIPFoundation computes the CRC and returns it, but leaves the comparison to the caller.
                let crc = try archive.extract(entry, skipCRC32: false) { chunk in
                    taken += UInt64(chunk.count)
                    guard taken <= partLimit else { throw CocoaError(.fileReadTooLarge) }
                    data.append(chunk)
                }
                guard crc == entry.checksum else { throw CocoaError(.fileReadCorruptFile) }
            } catch {
                throw SheetReadError(file: file, message: "工作簿中的 \(path) 已损坏（\(error)）")
            }
            return data
        }
        guard let workbookXML = try part("xl/workbook.xml") else {
            throw SheetReadError(file: file, message: "应为 .xlsx 工作簿，实际缺少 xl/workbook.xml")
        }
        let sheets = try parse(WorkbookParser(), workbookXML, file: file, part: "xl/workbook.xml").sheets
        let relations = try part("xl/_rels/workbook.xml.rels").map { data throws(SheetReadError) in
            try parse(RelationsParser(), data, file: file, part: "xl/_rels/workbook.xml.rels").targets
        } ?? [:]
        let shared = try part("xl/sharedStrings.xml").map { data throws(SheetReadError) in
            try parse(SharedStringsParser(), data, file: file, part: "xl/sharedStrings.xml").strings
        } ?? []
        var tables: [SheetTable] = []
        for (index, sheet) in sheets.enumerated() {
            let target = relations[sheet.relation] ?? "worksheets/sheet\(index + 1).xml"
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = try part(path) else {
                throw SheetReadError(file: file, message: "工作表「\(sheet.name)」缺少 \(path)")
            }
            let parser = try parse(WorksheetParser(shared: shared), xml, file: file, part: path)
            if let problem = parser.problem {
                throw SheetReadError(file: file, message: "\(sheet.name)!\(problem)")
            }
            tables.append(SheetTable(name: sheet.name, rows: parser.rows, merged: parser.merged))
        }
        return tables
    }

    /// Parses one part. The part is fed through a stream so that libxml2 gets it in chunks: given whole,
    /// a part of more than 10 MB (a province's claims) fails with libxml2's "Huge input lookup".
    private static func parse<P: XMLParserDelegate>(_ delegate: P, _ data: Data, file: String, part: String) throws(SheetReadError) -> P {
        let parser = XMLParser(stream: InputStream(data: data))
        parser.delegate = delegate
        // swift-corelibs-foundation returns true for a document cut short or with mismatched tags and only
        // sets parserError, so both are checked.
        guard parser.parse(), parser.parserError == nil else {
            let reason = parser.parserError.map { "\($0.localizedDescription)" } ?? "未知错误"
            throw SheetReadError(file: file, message: "\(part) 第 \(parser.lineNumber) 行不是有效的 XML（\(reason)）")
        }
        return delegate
    }
}

/// The value of an attribute named `name` with any namespace prefix (`r:id`, `ns1:id`).
private func attribute(_ attributes: [String: String], _ name: String) -> String? {
    if let v = attributes[name] { return v }
    return attributes.first { $0.key.hasSuffix(":" + name) }?.value
}

private func local(_ name: String) -> Substring {
    name.split(separator: ":").last ?? Substring(name)
}

private final class WorkbookParser: NSObject, XMLParserDelegate {
    var sheets: [(name: String, relation: String)] = []

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if local(element) == "sheet", let name = attributes["name"] {
            sheets.append((name, attribute(attributes, "id") ?? ""))
        }
    }
}

private final class RelationsParser: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if local(element) == "Relationship", let id = attributes["Id"], let target = attributes["Target"] {
            targets[id] = target
        }
    }
}

/// Collects `<si>` items; rich-text runs are joined and phonetic runs (`<rPh>`) are left out.
private final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    private var current = ""
    private var inText = false
    private var phonetic = 0

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(element) {
        case "si": current = ""
        case "rPh": phonetic += 1
        case "t": inText = phonetic == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(element) {
        case "si": strings.append(current)
        case "rPh": phonetic -= 1
        case "t": inText = false
        default: break
        }
    }
}

/// Streams `<sheetData>` into rows of cells and collects `<mergeCell>` ranges.
private final class WorksheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    var rows: [SheetRow] = []
    var merged: [CellRange] = []
    /// The first cell this reader cannot make sense of (a bad reference or shared-string index).
    var problem: String?

    private var rowNumber = 0
    private var cells: [CellValue?] = []
    private var nextColumn = 0
    private var cellColumn = 0
    private var cellType = ""
    private var cellRef = ""
    private var text = ""
    private var collecting = false
    private var value: String?
    private var inlineText: String?
    private var phonetic = 0

    init(shared: [String]) { self.shared = shared }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(element) {
        case "row":
            rowNumber = attributes["r"].flatMap { Int($0) } ?? rowNumber + 1
            cells = []
            nextColumn = 0
        case "c":
            cellRef = attributes["r"] ?? ""
            if let ref = attributes["r"] {
                guard let address = CellAddress(ref) else {
                    problem = problem ?? "\(ref)：应为单元格引用（如 B7），实际为「\(ref)」"
                    cellColumn = nextColumn
                    break
                }
                cellColumn = address.column
            } else {
                cellColumn = nextColumn
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
            if let ref = attributes["ref"], let range = CellRange(ref) { merged.append(range) }
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(element) {
        case "v":
            collecting = false
            value = text
        case "t":
            if collecting, inlineText != nil { inlineText! += text }
            collecting = false
        case "rPh":
            phonetic -= 1
        case "c":
            store(cellValue())
        case "row":
            rows.append(SheetRow(number: rowNumber, cells: cells))
        default:
            break
        }
    }

    private func cellValue() -> CellValue? {
        switch cellType {
        case "s":
            guard let v = value else { return nil }
            guard let i = Int(v), shared.indices.contains(i) else {
                problem = problem ?? "\(cellRef)：应为共享字符串序号（0–\(shared.count - 1)），实际为「\(v)」"
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

    private func store(_ value: CellValue?) {
        guard let value else { return }
        if cells.count <= cellColumn { cells.append(contentsOf: repeatElement(nil, count: cellColumn - cells.count + 1)) }
        cells[cellColumn] = value
    }
}
