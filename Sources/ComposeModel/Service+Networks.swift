extension Service {
    /// Network names in the order Compose attaches them: highest `priority` first, then by name.
    public var networksByPriority: [String] {
        networks.map { (name: $0.key, priority: $0.value?.priority ?? 0) }
            .sorted { $0.priority != $1.priority ? $0.priority > $1.priority : $0.name < $1.name }
            .map(\.name)
    }
}
