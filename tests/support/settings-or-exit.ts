// Loads the settings for a Vitest config file; a ConfigError ends the process with one line and exit 1,
// before any worker starts or any request is sent.
import { ConfigError, loadSettings, type Settings } from './config.ts'

export function loadSettingsOrExit(): Settings {
  try {
    return loadSettings()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`harena-validation: configuration error: ${error.message}\n`)
      process.exit(1)
    }
    throw error
  }
}
