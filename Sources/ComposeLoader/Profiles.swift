import ComposeModel
import OrderedCollections
import YAML

/// Profiles: a service with `profiles` is enabled only when one of them is active (or `*` is).
/// A service named on the command line is enabled and its profiles become active, which may in
/// turn enable its dependencies.
enum Profiles {
    static func apply(to project: inout Project, active: [String], targeted: [String], root: YAMLNode?) throws(ComposeError) {
        var activeSet = Set(active)
        for name in targeted {
            guard let s = project.services[name] else {
                throw ComposeError.validation("no such service: \"\(name)\"", at: nil, path: nil,
                                              hint: "the services are: " + project.services.keys.joined(separator: ", "))
            }
            activeSet.formUnion(s.profiles)
        }
        func enabled(_ profiles: [String]) -> Bool {
            profiles.isEmpty || activeSet.contains("*") || profiles.contains(where: activeSet.contains)
        }
        // Services are read in place and split only when one is off: a copy of each into new
        // dictionaries cost more than the rest of this.
        var on = project.services
        var off = project.disabledServices
        if project.services.values.indices.contains(where: { !enabled(project.services.values[$0].profiles) }) {
            on = [:]
            for (name, service) in project.services {
                if enabled(service.profiles) { on[name] = service } else { off[name] = service }
            }
        }
        for i in on.values.indices where !off.isEmpty {
            for (dep, d) in on.values[i].dependsOn where d.required {
                guard let disabled = off[dep] else { continue }
                let name = on.keys[i]
                let profiles = disabled.profiles.map { "--profile \($0)" }.joined(separator: " or ")
                throw ComposeError.validation(
                    "service \"\(name)\" depends on service \"\(dep)\", which is disabled by its profiles",
                    at: ProjectLoader.mark(at: ["services", name, "depends_on", dep], in: root),
                    path: "services.\(name).depends_on",
                    hint: "enable it with \(profiles), or mark the dependency 'required: false'")
            }
        }
        project.services = on
        project.disabledServices = off
    }
}
