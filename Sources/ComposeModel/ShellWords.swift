/// Splits a command string into words the way a POSIX shell would without expanding anything:
/// whitespace separates words, single quotes keep everything, double quotes keep everything but
/// backslash escapes, a backslash outside single quotes takes the next character literally.
/// Operators such as `&&` or `|` stay ordinary words (no silent truncation).
public enum ShellWords {
    public static func split(_ line: String) throws(ValueError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var single = false, double = false, escaped = false
        for ch in line {
            if escaped {
                current.append(ch)
                escaped = false
                inWord = true
                continue
            }
            if single {
                if ch == "'" { single = false } else { current.append(ch) }
                continue
            }
            if ch == "\\" {
                escaped = true
                inWord = true
                continue
            }
            if double {
                if ch == "\"" { double = false } else { current.append(ch) }
                continue
            }
            switch ch {
            case "'": single = true; inWord = true
            case "\"": double = true; inWord = true
            case " ", "\t", "\n", "\r", "\r\n":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            default:
                current.append(ch)
                inWord = true
            }
        }
        if single || double {
            throw ValueError("unterminated quote in \"\(line)\"", hint: "close the \(single ? "single" : "double") quote, or write the command as a list")
        }
        if escaped { current.append("\\") }
        if inWord { words.append(current) }
        return words
    }

    /// Joins words back into one string a shell would split the same way.
    public static func join(_ words: [String]) -> String {
        words.map(quote).joined(separator: " ")
    }

    static func quote(_ word: String) -> String {
        if word.isEmpty { return "''" }
        let safe = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@%+,".contains($0) }
        if safe { return word }
        return "'" + word.replacing("'", with: "'\\''") + "'"
    }
}
