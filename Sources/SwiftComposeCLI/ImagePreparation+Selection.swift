import ComposeModel
import Planner

extension ImagePreparation {
    /// Services named on the command line (all when none), checked to exist; with `includeDeps`, their
    /// dependencies too. In file order.
    static func services(_ project: Project, named names: [String], includeDeps: Bool) throws(CommandFailure) -> [Service] {
        for name in names where project.services[name] == nil {
            if project.disabledServices[name] != nil {
                throw CommandFailure("service \"\(name)\" is disabled by its profiles; enable one with --profile")
            }
            throw CommandFailure("no such service: \(name)")
        }
        if names.isEmpty { return Array(project.services.values) }
        var chosen = Set(names)
        if includeDeps {
            var queue = names
            while let name = queue.popLast() {
                guard let s = project.services[name] else { continue }
                for dep in project.dependencies(of: s) where chosen.insert(dep).inserted { queue.append(dep) }
            }
        }
        return project.services.values.filter { chosen.contains($0.name) }
    }
}
