import SwiftComposeCLI

await SwiftCompose.run(arguments: GlobalOptions.hoist(Array(CommandLine.arguments.dropFirst())))
