import EngineAPI
import Planner
import ComposeModel

/// Waiting for containers: `depends_on` conditions and `up --wait`. Polls inspect with backoff.
extension Executor {
    struct WaitError: Error {
        var message: String
        var isCancellation = false
        static let cancelled = WaitError(message: "interrupted", isCancellation: true)
    }

    enum Observation {
        case satisfied(status: String)
        case pending
        case failed(String)
    }

    func waitFor(_ wait: DependencyWait) async -> Result<Void, WaitError> {
        progress(ProgressEvent(kind: "Container", name: wait.container, phase: .working, status: "Waiting"))
        let result = await poll(wait.container) { state, hasHealthcheck in
            Self.judge(state, condition: wait.condition, hasHealthcheck: hasHealthcheck, container: wait.container, service: wait.service)
        }
        switch result {
        case .success(let status):
            progress(ProgressEvent(kind: "Container", name: wait.container, phase: .done, status: status))
            return .success(())
        case .failure(let e):
            if !e.isCancellation {
                progress(ProgressEvent(kind: "Container", name: wait.container, phase: .failed, status: "Error", detail: e.message))
            }
            return .failure(e)
        }
    }

    /// What `depends_on` condition `condition` makes of a container's state.
    static func judge(_ state: ContainerState?, condition: ServiceDependency.Condition, hasHealthcheck: Bool,
                      container: String, service: String) -> Observation {
        let status = state?.status ?? ""
        let exited = status == "exited" || status == "dead"
        let code = state?.exitCode ?? 0
        switch condition {
        case .serviceStarted:
            if status == "running" || exited { return .satisfied(status: "Started") }
            return .pending
        case .serviceHealthy:
            if !hasHealthcheck {
                return .failed("dependency failed to start: container \(container) has no healthcheck configured")
            }
            if exited { return .failed("dependency failed to start: container \(container) exited (\(code))") }
            switch state?.health?.status {
            case "healthy": return .satisfied(status: "Healthy")
            case "unhealthy": return .failed("dependency failed to start: container \(container) is unhealthy")
            default: return .pending
            }
        case .serviceCompletedSuccessfully:
            guard exited else { return .pending }
            if code == 0 { return .satisfied(status: "Exited") }
            return .failed("service \"\(service)\" didn't complete successfully: exit \(code)")
        }
    }

    /// Inspects `container` until `judge` decides, sleeping with backoff in between.
    func poll(_ container: String, deadline: ContinuousClock.Instant? = nil,
              _ judge: (ContainerState?, Bool) -> Observation) async -> Result<String, WaitError> {
        var delay = pollInterval.first
        while true {
            if Task.isCancelled { return .failure(.cancelled) }
            do {
                let info = try await engine.inspectContainer(container)
                let test = info.config?.healthcheck?.test
                let hasHealthcheck = info.state?.health != nil || (test != nil && test != ["NONE"] && test?.isEmpty == false)
                switch judge(info.state, hasHealthcheck) {
                case .satisfied(let status): return .success(status)
                case .failed(let message): return .failure(WaitError(message: message))
                case .pending: break
                }
            } catch let e as EngineError where e.isNotFound {
                return .failure(WaitError(message: "container \(container) not found"))
            } catch {
                return .failure(WaitError(message: "\(error)"))
            }
            if let deadline, ContinuousClock.now >= deadline {
                return .failure(WaitError(message: "timeout waiting for container \(container)"))
            }
            do {
                try await Task.sleep(for: delay)
            } catch {
                return .failure(.cancelled)
            }
            delay = min(delay * 2, pollInterval.max)
        }
    }

    /// A container `up --wait` waits for.
    public struct WaitTarget: Sendable {
        public var container: String
        /// One-shot services others wait to complete: exiting 0 is success.
        public var mayExit: Bool
        public init(container: String, mayExit: Bool) {
            self.container = container
            self.mayExit = mayExit
        }
    }

    /// `up --wait`: every container running (healthy when it has a healthcheck); returns one message per failure.
    public func waitUntilReady(_ targets: [WaitTarget], timeout: Duration?) async -> [String] {
        let deadline = timeout.map { ContinuousClock.now + $0 }
        return await withTaskGroup(of: String?.self) { group in
            for t in targets {
                group.addTask {
                    let r = await poll(t.container, deadline: deadline) { state, hasHealthcheck in
                        let status = state?.status ?? ""
                        if status == "exited" || status == "dead" {
                            let code = state?.exitCode ?? 0
                            if t.mayExit && code == 0 { return .satisfied(status: "Exited") }
                            return .failed("container \(t.container) exited (\(code))")
                        }
                        guard status == "running" else { return .pending }
                        if !hasHealthcheck { return .satisfied(status: "Running") }
                        switch state?.health?.status {
                        case "healthy": return .satisfied(status: "Healthy")
                        case "unhealthy": return .failed("container \(t.container) is unhealthy")
                        default: return .pending
                        }
                    }
                    switch r {
                    case .success(let status):
                        progress(ProgressEvent(kind: "Container", name: t.container, phase: .done, status: status))
                        return nil
                    case .failure(let e):
                        progress(ProgressEvent(kind: "Container", name: t.container, phase: .failed, status: "Error", detail: e.message))
                        return e.message
                    }
                }
            }
            var failures: [String] = []
            for await f in group { if let f { failures.append(f) } }
            return failures.sorted()
        }
    }
}
