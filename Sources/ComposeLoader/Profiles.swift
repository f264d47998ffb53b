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
        func enabled(_ s: Service) -> Bool {
            s.profiles.isEmpty || activeSet.contains("*") || s.profiles.contains(where: activeSet.contains)
        }
        var on = OrderedDictionary<String, Service>()
        var off = project.disabledServices
        for (name, service) in project.services {
            if enabled(service) { on[name] = service } else { off[name] = service }
        }
        for (name, service) in on {
            for (dep, d) in service.dependsOn where d.required {
                guard let disabled = off[dep] else { continue }
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
