import SwiftComposeCLI
await SwiftCompose.main()
