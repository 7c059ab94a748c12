import Foundation

// Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage error or unreadable input.
exit(CommandLineTool.run(Array(CommandLine.arguments.dropFirst())))
