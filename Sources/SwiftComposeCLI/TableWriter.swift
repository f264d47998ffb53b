/// Aligns tab-separated cells into columns the way Go's `text/tabwriter` does, which is what
/// Docker Compose's tables go through: every cell but the last of a row is padded to its column's
/// width (widest cell + `padding`, at least `minWidth`); the last cell is written as it is.
struct TableWriter: Sendable {
    var minWidth: Int
    var padding: Int

    /// `docker compose ps` and custom `table` formats (docker/cli's formatter).
    static let containers = TableWriter(minWidth: 10, padding: 3)
    /// `ls`, `images` (Compose's `PrintPrettySection`).
    static let pretty = TableWriter(minWidth: 20, padding: 3)
    /// `top`.
    static let top = TableWriter(minWidth: 4, padding: 2)

    /// Rows of cells → text, one line per row, each ending in a newline.
    func render(_ rows: [[String]]) -> String {
        let columns = rows.map { $0.count - 1 }.max() ?? 0
        var widths = [Int](repeating: minWidth, count: max(columns, 0))
        for row in rows {
            for (i, cell) in row.dropLast().enumerated() {
                widths[i] = max(widths[i], Self.width(cell) + padding)
            }
        }
        var out = ""
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i < row.count - 1 {
                    out += cell + String(repeating: " ", count: widths[i] - Self.width(cell))
                } else {
                    out += cell
                }
            }
            out += "\n"
        }
        return out
    }

    /// Text with embedded tabs and newlines (as a `table` template produces) → aligned text.
    func render(text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return render(lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) })
    }

    /// Go's tabwriter counts runes.
    static func width(_ s: String) -> Int { s.unicodeScalars.count }
}
