import SwiftComposeCLI

await SwiftCompose.main(GlobalOptions.hoist(Array(CommandLine.arguments.dropFirst())))
