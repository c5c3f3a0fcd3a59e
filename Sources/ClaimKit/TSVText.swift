/// The TAB-separated text files a person can edit (the catalog, campaign.tsv, schools.tsv), split into
/// rows on their UTF-8 bytes: splitting Chinese text by Characters cost more than replaying a journal.
public enum TSVText {
    /// Each non-empty line that is not a `#` comment, with its line number (from 1) and its fields (each made
    /// a String once); LF or CRLF line ends. `lines` counts every line, the last one even if empty.
    public static func rows(_ text: String) -> (rows: [(line: Int, fields: [String])], lines: Int) {
        var text = text
        return text.withUTF8 { bytes in
            var out: [(line: Int, fields: [String])] = []
            var number = 0, start = 0
            while start <= bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                number += 1
                let from = start
                var to = end
                start = end + 1
                if to > from, bytes[to - 1] == 0x0D { to -= 1 }
                if from == to || bytes[from] == 0x23 { continue }
                var fields: [String] = []
                fields.reserveCapacity(8)
                var field = from
                for i in from...to where i == to || bytes[i] == 0x09 {
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[field..<i]), as: UTF8.self))
                    field = i + 1
                }
                out.append((number, fields))
            }
            return (out, number)
        }
    }
}
