import Dispatch
import SwiftComposeCLI

// Loading a project allocates in one burst (`supervise` sets the default back).
MallocTuning.tuneForLoading()

// Not a top-level `await`: an async main parks this thread in dispatch_main(), whose pthread_exit
// unwinds it, and in the static binary that first unwind sorts every frame description of the
// binary (30 ms on each command). Nothing here needs the main queue.
let finished = DispatchSemaphore(value: 0)
let arguments = GlobalOptions.hoist(GlobalOptions.expandSubcommandShorthands(Array(CommandLine.arguments.dropFirst())))
Task.detached {
    await SwiftCompose.run(arguments: arguments)
    finished.signal()
}
finished.wait()
