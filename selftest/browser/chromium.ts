// Headless Chromium for the browser self-tests: Debian's `chromium` driven by puppeteer-core (which downloads no
// browser of its own). When no Chromium is found and this process may install one (root, apt-get present), it is
// installed with apt-get, as .ci/run does; only where none can be installed do the browser tests skip, saying why.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import puppeteer, { type Browser } from 'puppeteer-core'
import { afterAll, beforeAll } from 'vitest'

const CANDIDATES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']

function which(name: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' })
  const path = r.status === 0 ? r.stdout.trim() : ''
  return path !== '' && existsSync(path) ? path : null
}

function findChromium(): string | null {
  const fromEnv = process.env.PUPPETEER_EXECUTABLE_PATH
  if (fromEnv && existsSync(fromEnv)) return fromEnv
  for (const name of CANDIDATES) {
    const path = which(name)
    if (path) return path
  }
  return null
}

export type ChromiumLookup = { path: string; skipReason: null } | { path: null; skipReason: string }

/** The Chromium executable, installing Debian's package when possible; or why there is none. */
export function ensureChromium(): ChromiumLookup {
  const found = findChromium()
  if (found) return { path: found, skipReason: null }
  const root = typeof process.getuid === 'function' && process.getuid() === 0
  if (!root || !which('apt-get'))
    return { path: null, skipReason: 'no Chromium found and none can be installed here (needs root and apt-get): browser checks not run' }
  try {
    execFileSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], {
      stdio: 'ignore',
      timeout: 15 * 60_000,
    })
  } catch (error) {
    return { path: null, skipReason: `apt-get install chromium failed (${(error as Error).message.split('\n')[0]}): browser checks not run` }
  }
  const installed = findChromium()
  return installed
    ? { path: installed, skipReason: null }
    : { path: null, skipReason: 'chromium installed but not found on PATH: browser checks not run' }
}

export async function launch(executablePath: string): Promise<Browser> {
  return puppeteer.launch({
    executablePath,
    headless: true,
    // Root in a container has no user namespace for the sandbox; the pages are our own files, opened offline.
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check'],
  })
}

/** A test file's headless Chromium: launched before its tests (installed first if needed), closed after them. */
export function browserForFile(): { browser: Browser | null; skipReason: string | null } {
  const chrome: { browser: Browser | null; skipReason: string | null } = { browser: null, skipReason: null }
  beforeAll(async () => {
    const chromium = ensureChromium()
    chrome.skipReason = chromium.skipReason
    if (chromium.path) chrome.browser = await launch(chromium.path)
  }, 20 * 60_000)
  afterAll(async () => {
    await chrome.browser?.close()
  })
  return chrome
}
