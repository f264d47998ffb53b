public import ComposeLoader
public import ComposeModel
import ArgumentParser
import Foundation

extension GlobalOptions {
    /// The load settings of this invocation: flags plus the process environment and directory.
    public func loadOptions() -> LoadOptions {
        var o = LoadOptions(workingDirectory: FileManager.default.currentDirectoryPath,
                            environment: ProcessInfo.processInfo.environment,
                            stdin: {
                                let data = FileHandle.standardInput.readDataToEndOfFile()
                                return String(decoding: data, as: UTF8.self)
                            })
        o.files = file
        o.projectName = projectName
        o.projectDirectory = projectDirectory
        o.envFiles = envFile
        o.profiles = profile
        o.warn = { FileHandle.standardError.write(Data(("WARN[0000] " + $0 + "\n").utf8)) }
        return o
    }

    /// Loads the project, or prints the error to stderr and exits with status 1.
    public func loadProject() throws -> Project {
        try loadProject(loadOptions())
    }

    /// Loads with adjusted options (e.g. `--no-interpolate`, targeted services), reporting errors as `loadProject()`.
    public func loadProject(_ options: LoadOptions) throws -> Project {
        do {
            return try ProjectLoader.load(options)
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
