import Foundation
import WharfApp

exit(await WharfMain.run(arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
