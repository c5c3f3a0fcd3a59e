import Foundation

/// The frequent return reasons of a data dir (reasons.txt: one reason a line, `#` comments).
public enum ReturnReasons {
    /// The reasons in the file, or the defaults when the file is missing or empty.
    public static func load(_ dir: DataDirectory) -> [String] {
        guard let text = try? String(contentsOf: dir.reasons, encoding: .utf8) else { return StoreSetup.defaultReasons }
        let reasons = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return reasons.isEmpty ? StoreSetup.defaultReasons : reasons
    }
}
