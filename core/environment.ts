// The environment a run reads: the process's variables over the project's `.env` (dotenv). Its own small module, so
// that a command can find its report directory before it loads the settings' schemas (release/cli/claim.ts).
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import dotenv from 'dotenv'

export function readEnvironment(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Record<string, string | undefined> {
  const file = resolve(cwd, '.env')
  const fromFile = existsSync(file) ? dotenv.parse(readFileSync(file)) : {}
  return { ...fromFile, ...env }
}
