import BunkaiCLI
import Foundation

exit(BunkaiCommand.run(arguments: Array(CommandLine.arguments.dropFirst())))
