import Planner

/// The drain requests of one `up` to the running supervisor. Plan steps drain in parallel; each
/// write carries every request so far and the writes go out in order, so none drops another's.
actor DrainRequests {
    private let supervisor: SupervisorContainer
    private let container: String
    private var requested: [String: Int] = [:]
    private var lastWrite: Task<Bool, Never>?
    private var supported: Bool?

    init(supervisor: SupervisorContainer, container: String) {
        self.supervisor = supervisor
        self.container = container
    }

    /// Takes the replica out of the supervisor's balancers and returns once its open connections
    /// finished (or its grace period passed); at once when the supervisor does not drain.
    func drain(_ ref: ContainerRef, grace: Int) async {
        guard let id = ref.id else { return }
        if supported == nil { supported = await supervisor.drains(container: container) }
        guard supported == true else { return }
        requested[id] = grace
        let all = requested
        let previous = lastWrite
        let supervisor = self.supervisor, container = self.container
        let write = Task { _ = await previous?.value; return await supervisor.writeDrain(all, container: container) }
        lastWrite = write
        guard await write.value else { return }
        await supervisor.waitDrained(id, grace: grace, container: container)
    }
}
