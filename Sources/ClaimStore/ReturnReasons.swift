import ClaimKit

/// The frequent return reasons of a data dir (reasons.txt: one reason a line, `#` comments).
public enum ReturnReasons {
    /// The reasons in the file, or the defaults when the file is missing, empty or unsafe to read.
    public static func load(_ folder: SecureDirectory) -> [String] {
        guard let bytes = try? folder.read(DataDirectory.reasonsName) else { return StoreSetup.defaultReasons }
        let text = String(decoding: bytes, as: UTF8.self)
        let reasons = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { InputText.trim(String($0)) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        return reasons.isEmpty ? StoreSetup.defaultReasons : reasons
    }
}
