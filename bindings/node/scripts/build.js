'use strict'
// Builds the native addon from source with cargo and copies it where the generated
// loader (index.js) looks for it in development: ./oauth1.<platform>-<arch>[-<abi>].node.
// `npm run build` runs it after `npm ci` (test.sh does); nothing runs it on install:
// the published package has no install script and gets the addon from its
// per-platform package (scripts/pack.js). Needs only Node and cargo.
//
//   node scripts/build.js [--debug] [--out-dir DIR] [-- CARGO_ARGS...]
//
// --debug (or OAUTH1_NODE_PROFILE=debug) builds without optimisations (faster to
// compile); --out-dir writes the addon into DIR instead of this directory
// (scripts/dist-npm builds the release addon for the platform package so); the
// arguments after `--` go to `cargo build` (for example --locked). CARGO is the
// cargo to run. Prints the path of the addon on its last line.

const { execFileSync } = require('node:child_process')
const fs = require('node:fs')
const path = require('node:path')

const here = path.resolve(__dirname, '..')
const cargo = process.env.CARGO || 'cargo'

/** The napi-rs platform name of a Rust target triple, as the loader spells it. */
function platformName (triple) {
  const [arch, , os, abi] = triple.split('-')
  const cpu = { x86_64: 'x64', aarch64: 'arm64', i686: 'ia32', armv7: 'arm', riscv64gc: 'riscv64', powerpc64le: 'ppc64', s390x: 's390x' }[arch] || arch
  if (triple.includes('apple-darwin')) return `darwin-${cpu}`
  if (triple.includes('windows')) return `win32-${cpu}-${abi || 'msvc'}`
  if (os === 'linux') return `linux-${cpu}-${abi && abi.startsWith('musl') ? 'musl' : 'gnu'}${abi && abi.endsWith('eabihf') ? 'eabihf' : ''}`
  if (os === 'freebsd') return `freebsd-${cpu}`
  throw new Error(`oauth1: unsupported platform ${triple}`)
}

function parseArgs (argv) {
  const options = { profile: process.env.OAUTH1_NODE_PROFILE === 'debug' ? 'debug' : 'release', outDir: here, cargoArgs: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') {
      options.cargoArgs = argv.slice(i + 1)
      break
    } else if (arg === '--debug') {
      options.profile = 'debug'
    } else if (arg === '--release') {
      options.profile = 'release'
    } else if (arg === '--out-dir' && i + 1 < argv.length) {
      options.outDir = path.resolve(argv[++i])
    } else {
      console.error(`oauth1: build.js: unknown argument ${arg}\nusage: node scripts/build.js [--debug] [--out-dir DIR] [-- CARGO_ARGS...]`)
      process.exit(2)
    }
  }
  return options
}

function main () {
  const { profile, outDir, cargoArgs } = parseArgs(process.argv.slice(2))
  let rustcInfo
  try {
    rustcInfo = execFileSync('rustc', ['-vV'], { encoding: 'utf8' })
  } catch (error) {
    console.error('oauth1: building the native addon needs Rust (cargo and rustc); see https://rustup.rs')
    process.exit(1)
  }
  const triple = /^host: (.+)$/m.exec(rustcInfo)[1].trim()
  const args = ['build', '--manifest-path', path.join(here, 'Cargo.toml'), '--lib', '--message-format', 'json-render-diagnostics', ...cargoArgs]
  if (profile === 'release') args.push('--release')
  const output = execFileSync(cargo, args, { cwd: here, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 256 << 20 })
  let built
  for (const line of output.split('\n')) {
    if (!line.startsWith('{')) continue
    const message = JSON.parse(line)
    if (message.reason === 'compiler-artifact' && message.target.name === 'oauth1_node' &&
        message.target.kind.includes('cdylib')) {
      built = message.filenames.find((f) => /\.(so|dylib|dll)$/.test(f))
    }
  }
  if (!built) throw new Error('oauth1: cargo did not report the built addon')
  fs.mkdirSync(outDir, { recursive: true })
  const dest = path.join(outDir, `oauth1.${platformName(triple)}.node`)
  const tmp = `${dest}.${process.pid}.tmp`
  fs.copyFileSync(built, tmp)
  fs.renameSync(tmp, dest) // atomic: a running process never sees half a file
  console.error(`oauth1: built ${path.basename(dest)} (${profile})`)
  console.log(dest)
}

main()
