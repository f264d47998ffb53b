public import YAML
public import ComposeModel

/// Turns one merged, interpolated Compose document into a typed `Project`.
/// Relative paths, env files, profiles and `extends` are left for the project loader.
public enum ProjectDecoder {
    /// - Parameters:
    ///   - name: the resolved project name (it wins over a top-level `name:`).
    ///   - workingDir: the project directory, stored as is.
    ///   - applyDefaults: fill the implied default network and resource names (`Project.applyDefaults()`).
    public static func decode(_ root: YAMLNode, name: String, workingDir: String, applyDefaults: Bool = true) throws(ComposeError) -> Project {
        guard root.entries != nil else {
            throw YAMLNodeDecoder.mismatch("a mapping with a 'services:' section", node: root, path: [])
        }
        var project = try YAMLNodeDecoder.decode(Project.self, from: root)
        project.name = name
        project.workingDir = workingDir
        if applyDefaults { project.applyDefaults() }
        return project
    }
}
