public import ComposeModel
import Foundation
public import EngineAPI
public import Logging
public import ServiceLifecycle
import StateObserver
import LoadBalancer

/// Keeps a project's declared state true after `up`: restarts failed containers with backoff, heals
/// unhealthy ones and repairs replica counts. Level-triggered like a Kubernetes controller: engine events
/// and a periodic resync only queue a service; the work re-reads that service's containers and acts on
/// what it finds, so a missed or repeated event changes nothing.
public actor Supervisor: ServiceLifecycle.Service {
    public struct Options: Sendable {
        /// Full resync period, catching anything an event missed.
        public var resync: Duration = .seconds(30)
        /// Where to write the status (JSON) after each change; read back at start.
        public var statusPath: String?
        /// Services worked on at once.
        public var workers: Int = 4
        /// Replica counts overriding the file (`--scale`).
        public var scale: [String: Int] = [:]
        /// Replay events from this time (Unix seconds) at the first connection, so what happened between
        /// `up` and the supervisor's start (a user's `stop`) is known.
        public var since: String?
        /// A JSON file of replica counts (service → count) that `scale` rewrites; polled.
        public var scaleFile: String?
        /// Drain requests (container ID → grace seconds) from `up`, read live.
        public var drainFile: String?
        /// Services whose published ports the supervisor serves (`Planner.balancedServices`).
        public var balanced: Set<String> = []
        /// The iptables binary for kernel forwarding (`KernelForwarder.locateIPTables`); nil: proxy only.
        public var iptables: String?
        /// Names this supervisor's netfilter chain (random: see `KernelForwarder.instanceName`).
        public var instance: String = KernelForwarder.instanceName()
        public init(resync: Duration = .seconds(30), statusPath: String? = nil, workers: Int = 4, scale: [String: Int] = [:],
                    since: String? = nil) {
            self.since = since
            self.resync = resync
            self.statusPath = statusPath
            self.workers = workers
            self.scale = scale
        }
    }

    typealias Machine = RestartStateMachine<ContinuousClock.Instant>

    let project: Project
    let engine: EngineClient
    let options: Options
    let logger: Logger
    let clock = ContinuousClock()
    let queue = WorkQueue<String>()
    let rules: [String: RestartRule]

    /// Replicas wanted per service (the file, `--scale`, later the autoscaler).
    var desiredReplicas: [String: Int]
    /// The scale file's counts as last read.
    var scaleFileSeen: [String: Int]?
    /// Restart state per container name (a replica slot keeps its history across recreation).
    var machines: [String: Machine] = [:]
    /// The container ID behind each slot, as last seen.
    var slotIDs: [String: String] = [:]
    /// Containers whose current exit was already fed to their machine.
    var handledDeath: Set<String> = []
    /// Replicas sent a stopping signal (`docker stop`, a recreate by `up`): out of the balancers' rotation
    /// while they wind down, until they die or start again.
    var terminating: Set<String> = []
    /// Drain requests taken, and the ones done (reported in the status for `up`).
    var drainRequested: Set<String> = []
    var drained: Set<String> = []
    /// Containers with a start call in flight.
    var starting: Set<String> = []
    /// Containers a user stopped: left alone until they start again.
    var userStopped: [String: ContinuousClock.Instant] = [:]
    var shuttingDown = false
    /// Containers the engine signalled (`kill` event), with the time of their death once they died:
    /// a `docker stop` sends its `stop` event about 0.1 s after `die`, so such a death waits for it.
    var signalled: [String: ContinuousClock.Instant] = [:]
    /// Containers whose `die` event came after their last `start`: the list call may still show them
    /// running for a moment, and such a pass is retried instead of trusted.
    var died: Set<String> = []
    static let stopEventGrace: Duration = .milliseconds(500)
    /// INT, QUIT, ABRT, KILL, TERM (the events give numbers): a container being stopped, not signalled to reload.
    static let stoppingSignals: Set<String> = ["2", "3", "6", "9", "15"]
    /// Wall-clock time of each pending restart, for the status.
    var nextRestart: [String: Double] = [:]
    var reasons: [String: String] = [:]
    var lastStatus: SupervisionStatus?
    /// The autoscaler's last decision per service, for the status.
    var autoscaleNotes: [String: String] = [:]
    /// Load balancers per balanced service.
    var balancers: [String: [Balancer]] = [:]
    /// The backends each balancer was last given.
    var backendSets: [ListenerSpec: [Backend]] = [:]
    /// Bound listeners ("127.0.0.1:8080/tcp"), for the status: `up` waits for them.
    var listening: Set<String> = []
    /// Kernel forwarding, once set up with the first balancer; nil when off or refused.
    var kernel: KernelForwarder?
    var kernelTried = false

    public init(project: Project, engine: EngineClient, options: Options = Options(), logger: Logger) {
        self.project = project
        self.engine = engine
        self.options = options
        self.logger = logger
        var rules: [String: RestartRule] = [:]
        var replicas: [String: Int] = [:]
        for (name, s) in project.services {
            rules[name] = RestartRule(service: s)
            var count = max(0, options.scale[name] ?? s.replicas)
            if let a = s.autoscale { count = min(max(count, a.min), a.max) }
            replicas[name] = count
        }
        self.rules = rules
        self.desiredReplicas = replicas
    }

    public func run() async throws {
        restoreStatus()
        logger.info("supervising project \(project.name): \(project.services.count) service(s)")
        let watcher = EventWatcher(engine: engine, project: project.name, logger: logger, since: options.since)
        let queue = self.queue
        // The event stream does not end on cancellation, so the watcher runs unstructured and is cancelled
        // on the way out; the work loops stop when the queue shuts down.
        let watching = Task {
            await watcher.run(onConnect: { await self.enqueueAll() },
                              onDisconnect: { await self.streamLost() },
                              onEvent: { await self.handle($0) })
        }
        await startBalancers()
        writeStatus()
        await cancelWhenGracefulShutdown {
            await withTaskCancellationHandler {
                await withDiscardingTaskGroup { group in
                    group.addTask {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: self.options.resync)
                            if Task.isCancelled { break }
                            await self.startBalancers()
                            await self.enqueueAll()
                        }
                    }
                    group.addTask {
                        // A port still held (by the supervisor this one replaces) is tried again soon
                        // for 10 s; after that at each resync.
                        var tries = 0
                        while !Task.isCancelled, tries < 40, await self.listenersMissing {
                            tries += 1
                            try? await Task.sleep(for: .milliseconds(250))
                            await self.startBalancers()
                            await self.writeStatus()
                        }
                    }
                    if self.options.scaleFile != nil {
                        group.addTask { await self.followScaleFile() }
                    }
                    if let file = self.options.drainFile {
                        group.addTask { await self.followDrainFile(file) }
                    }
                    for s in self.project.services.values {
                        guard let policy = s.autoscale else { continue }
                        group.addTask { await self.autoscale(s, policy: policy) }
                    }
                    for _ in 0..<max(1, self.options.workers) {
                        group.addTask {
                            while let service = await queue.next() {
                                await self.process(service)
                                await queue.done(service)
                            }
                        }
                    }
                }
            } onCancel: {
                Task { await self.shutdown() }
            }
        }
        watching.cancel()
        await stopBalancers()
        await queue.shutdown()
        logger.info("supervision of project \(project.name) ended")
    }

    /// Ending (SIGTERM, which a daemon shutdown also sends): what happens from now on is not a user's doing.
    func shutdown() async {
        shuttingDown = true
        await queue.shutdown()
    }

    /// The stream broke: if the daemon is going down, it has just sent `stop` for every container;
    /// those are not a user's stops, so marks from the last moments are dropped.
    func streamLost() {
        let recent = clock.now.advanced(by: .seconds(-3))
        for (id, at) in userStopped where at > recent { userStopped[id] = nil }
    }

    func enqueueAll() async {
        for name in project.services.keys.sorted() { await queue.add(name) }
    }

    /// One engine event: note user stops and starts, then queue the service for a fresh look.
    func handle(_ event: EngineEvent) async {
        logger.trace("event \(event.action ?? "?") \(event.actor?.attributes?["name"] ?? "?")")
        if shuttingDown { return }
        guard let attributes = event.actor?.attributes, let id = event.actor?.id,
              attributes[ComposeLabels.oneoff] != "True",
              let service = attributes[ComposeLabels.service], project.services[service] != nil else { return }
        switch event.action ?? "" {
        case "kill":
            signalled[id] = clock.now
            if let signal = attributes["signal"], Self.stoppingSignals.contains(signal) {
                terminating.insert(id)
                await dropBackend(service, id: id)
            }
        case "die":
            logger.trace("die of \(attributes["name"] ?? id) received at \(Self.epochMillis())")
            if signalled[id] != nil { signalled[id] = clock.now }
            died.insert(id)
            terminating.remove(id)
            await dropBackend(service, id: id)
            // The event carries the exit code: decide now rather than after a list call.
            if let name = attributes["name"], let code = attributes["exitCode"].flatMap({ Int($0) }), userStopped[id] == nil {
                deathNoticed(id: id, name: name, code: code, service: service)
            }
        case "stop":
            userStopped[id] = clock.now
        case "start":
            died.remove(id)
            terminating.remove(id)
            userStopped[id] = nil
            handledDeath.remove(id)
            signalled[id] = nil
        case "destroy":
            terminating.remove(id)
            drainRequested.remove(id)
            drained.remove(id)
            userStopped[id] = nil
            handledDeath.remove(id)
            signalled[id] = nil
            died.remove(id)
        default:
            break
        }
        await queue.add(service)
    }

    /// The replicas the supervisor keeps for `service` (for the autoscaler and `scale`).
    public func setReplicas(_ service: String, _ count: Int) async {
        desiredReplicas[service] = max(0, count)
        await queue.add(service)
    }

    public func replicas(of service: String) -> Int? { desiredReplicas[service] }

    /// Applies the replica counts of the scale file whenever it changes (`swiftcompose scale` rewrites it).
    func followScaleFile() async {
        while !Task.isCancelled {
            await applyScaleFile()
            try? await Task.sleep(for: .milliseconds(300))
        }
    }

    /// Reads the scale file and applies the counts that changed since it was last read; a count the
    /// autoscaler set since stays until the file changes it. Repairs call this after their list call:
    /// `up` writes the file before it removes or adds a replica, so a list that shows the change
    /// comes with a file that explains it, and the repair does not undo it (the poll may not have run yet).
    func applyScaleFile() async {
        guard let file = options.scaleFile, let counts = ScaleFile.read(file), counts != scaleFileSeen else { return }
        for (service, count) in counts.sorted(by: { $0.key < $1.key })
        where project.services[service] != nil && desiredReplicas[service] != count && scaleFileSeen?[service] != count {
            logger.info("\(service): scaled to \(count) replica(s)")
            await setReplicas(service, count)
        }
        scaleFileSeen = counts
    }

    static func epochMillis() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return String(Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000)
    }

    /// Whether a restart of `container` (by name) is pending.
    public func isRestarting(_ container: String) -> Bool {
        if case .backingOff? = machines[container]?.state { return true }
        return false
    }
}
