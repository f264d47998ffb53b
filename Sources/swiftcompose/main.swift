import SwiftComposeCLI

await SwiftCompose.run(arguments: GlobalOptions.hoist(GlobalOptions.expandSubcommandShorthands(Array(CommandLine.arguments.dropFirst()))))
