extension GlobalOptions {
    /// Short flags of subcommands that Docker Compose gives a meaning clashing with the global `-f FILE`:
    /// `logs -f` (follow), `rm -f` (force), `version -f` (format). ArgumentParser cannot hold both under one name, so after
    /// the subcommand these become their long forms (`-fs` → `--force -s`) before parsing.
    /// Also Go's `--flag=false` for boolean flags that default to true.
    static let subcommandShorthands: [String: (letters: Set<Character>, long: [Character: String], booleans: Set<String>)] = [
        "logs": (["f", "t"], ["f": "--follow"], []),
        "rm": (["f", "s", "v", "a"], ["f": "--force"], []),
        "ps": ([], [:], ["--orphans"]),
        "version": (["f"], ["f": "--format"], []),
    ]

    /// Call before `hoist`: leading global flags are left alone, only the subcommand's own arguments change.
    public static func expandSubcommandShorthands(_ args: [String]) -> [String] {
        var i = 0
        while i < args.count {
            let a = args[i]
            let name = a.split(separator: "=", maxSplits: 1).first.map(String.init) ?? a
            if valued.contains(name) && !a.contains("=") { i += 2 }
            else if valued.contains(name) || flags.contains(name) || (a.hasPrefix("-f") && a.count > 2 && !a.hasPrefix("--")) { i += 1 }
            else { break }
        }
        if i < args.count, args[i] == "run" { return Array(args[...i]) + runPublishShorthand(Array(args[(i + 1)...])) }
        guard i < args.count, let rule = subcommandShorthands[args[i]] else { return args }
        var out = Array(args[...i])
        var rest = args[(i + 1)...].makeIterator()
        while let a = rest.next() {
            if a == "--" {
                out.append(a)
                while let r = rest.next() { out.append(r) }
                break
            }
            // Go-style boolean values (`ps --orphans=false`) → ArgumentParser's `--flag` / `--no-flag`.
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "="), rule.booleans.contains(String(a[..<eq])) {
                let value = a[a.index(after: eq)...].lowercased()
                if ["false", "0", "f"].contains(value) { out.append("--no-" + a.dropFirst(2).prefix { $0 != "=" }); continue }
                if ["true", "1", "t"].contains(value) { out.append(String(a[..<eq])); continue }
            }
            let letters = a.dropFirst()
            guard a.hasPrefix("-"), !a.hasPrefix("--"), !letters.isEmpty, letters.contains("f"), !rule.letters.isEmpty,
                  letters.allSatisfy({ rule.letters.contains($0) }) else {
                out.append(a)
                continue
            }
            for l in letters { out.append(rule.long[l] ?? "-\(l)") }
        }
        return out
    }

    /// `run`'s options that take a value, so their values are not read as the service name.
    static let runValued: Set<String> = ["--cap-add", "--cap-drop", "--entrypoint", "-e", "--env", "-l", "--label", "--pull",
                                         "--name", "--publish", "-u", "--user", "-v", "--volume", "-w", "--workdir"]

    /// `run -p 8080:80 web` publishes a port, as in Docker Compose, where the project's `-p` goes before
    /// `run`: up to the service name, `-p` becomes `--publish`. The command after the service is left alone.
    static func runPublishShorthand(_ args: [String]) -> [String] {
        var out: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" || !a.hasPrefix("-") { break }
            if a == "-p" {
                out.append("--publish")
                if i + 1 < args.count { out.append(args[i + 1]) }
                i += 2
                continue
            }
            if a.hasPrefix("-p"), !a.hasPrefix("--") {
                out.append("--publish=" + a.dropFirst(a.hasPrefix("-p=") ? 3 : 2))
                i += 1
                continue
            }
            out.append(a)
            if !a.contains("="), runValued.contains(a) || valued.contains(a), i + 1 < args.count {
                out.append(args[i + 1])
                i += 1
            }
            i += 1
        }
        return out + args[i...]
    }
}
